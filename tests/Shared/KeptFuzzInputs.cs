namespace OpteNic.Tests.Shared;

/// <summary>
/// The fuzz inputs a test project keeps beside its binaries (fuzz-found regressions, seed corpora), for replay tests.
/// Linked into each test project that replays a fuzz target.
/// </summary>
internal static class KeptFuzzInputs
{
    /// <summary>
    /// Every <c>*.bin</c> in the given folders under the test output directory, as paths relative to it, folder by
    /// folder in the order given and by name within a folder (a stable theory order); a missing folder is skipped.
    /// </summary>
    public static List<string> In(params string[] folders)
    {
        var inputs = new List<string>();
        foreach (string folder in folders)
        {
            string path = Path.Combine(AppContext.BaseDirectory, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (string file in Directory.GetFiles(path, "*.bin").OrderBy(f => f, StringComparer.Ordinal))
            {
                inputs.Add(Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        return inputs;
    }
}

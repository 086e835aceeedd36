namespace OpteNic.System.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, removed with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "opte-nic-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string File(string name) => global::System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

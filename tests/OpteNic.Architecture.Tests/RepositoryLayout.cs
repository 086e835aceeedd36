namespace OpteNic.Architecture.Tests;

/// <summary>Finds the repository root and its projects from the test's working directory.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "opte-nic.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("opte-nic.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every project file under the fixed top-level folders, keyed by project name.</summary>
    public static IReadOnlyDictionary<string, ProjectFile> Projects { get; } = LoadProjects();

    private static Dictionary<string, ProjectFile> LoadProjects()
    {
        var projects = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (var folder in new[] { "engine", "hal", "firmware", "host-tools", "hw-sim", "tests" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            {
                if (path.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var project = ProjectFile.Load(path, folder);
                projects.Add(project.Name, project);
            }
        }

        return projects;
    }
}

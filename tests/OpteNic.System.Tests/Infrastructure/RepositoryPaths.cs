namespace OpteNic.System.Tests.Infrastructure;

/// <summary>Finds the repository and the built executables the system tests run as separate processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding opte-nic.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration these tests were built with (the executables were built with it too).</summary>
    public static string Configuration { get; } =
#if DEBUG
        "debug";
#else
        "release";
#endif

    /// <summary>opte-nic-sim.dll.</summary>
    public static string SimulatorDll => Built("OpteNic.Sim", "opte-nic-sim.dll");

    /// <summary>opteadm.dll.</summary>
    public static string OpteAdmDll => Built("OpteAdm", "opteadm.dll");

    /// <summary>opte-bench.dll.</summary>
    public static string OpteBenchDll => Built("OpteNic.Benchmarks", "opte-bench.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, "artifacts", "bin", project, Configuration, dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} was not built at {path}; build tests/OpteNic.System.Tests (it builds {project}).", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "opte-nic.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"opte-nic.sln not found above {AppContext.BaseDirectory}");
    }
}

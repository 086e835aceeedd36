namespace OpteNic.Architecture.Tests;

/// <summary>What ships in the firmware image stays trim/NativeAOT-clean and free of host-only packages.</summary>
public sealed class FirmwareRoomTests
{
    private static readonly string[] s_hostOnlyPackages = ["System.CommandLine", "Spectre.Console", "BenchmarkDotNet", "PacketDotNet", "SharpPcap", "xunit"];

    [Theory]
    [InlineData("engine")]
    [InlineData("hal")]
    [InlineData("firmware")]
    public void Firmware_rooms_enable_the_aot_and_trim_analyzers(string folder)
    {
        var props = File.ReadAllText(Path.Combine(RepositoryLayout.Root, folder, "Directory.Build.props"));
        Assert.Contains("<IsAotCompatible>true</IsAotCompatible>", props, StringComparison.Ordinal);
        Assert.Contains("<IsTrimmable>true</IsTrimmable>", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Firmware_rooms_use_no_host_only_packages()
    {
        foreach (var project in RepositoryLayout.Projects.Values.Where(p => p.Folder is "engine" or "hal" or "firmware"))
        {
            var bad = project.PackageReferences.Intersect(s_hostOnlyPackages).ToList();
            Assert.True(bad.Count == 0, $"{project.Name} references host-only packages: {string.Join(", ", bad)}");
        }
    }

    [Fact]
    public void Warnings_are_errors_everywhere()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Directory.Build.props"));
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);
        Assert.Contains("<Nullable>enable</Nullable>", props, StringComparison.Ordinal);
    }
}

namespace OpteNic.Architecture.Tests;

/// <summary>
/// References flow one way: API/ABI types ← engine ← firmware → hal ← hw-sim; host tools reference the API types only.
/// The simulator executable is the board file (composition root) and alone may wire hw-sim to the firmware.
/// </summary>
public sealed class ReferenceDirectionTests
{
    /// <summary>For each product project, every project it may reach (directly or transitively).</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["OpteNic.Api"] = [],
        ["OpteNic.Packets"] = [],
        ["OpteNic.Engine"] = ["OpteNic.Api", "OpteNic.Packets"],
        ["OpteNic.Vpc"] = ["OpteNic.Engine", "OpteNic.Api", "OpteNic.Packets"],
        ["OpteNic.Hal"] = ["OpteNic.Api"],
        ["OpteNic.Firmware"] = ["OpteNic.Hal", "OpteNic.Vpc", "OpteNic.Engine", "OpteNic.Api", "OpteNic.Packets"],
        ["OpteNic.HwSim"] = ["OpteNic.Hal", "OpteNic.Api"],
        ["OpteNic.Sim"] = ["OpteNic.HwSim", "OpteNic.Firmware", "OpteNic.Hal", "OpteNic.Vpc", "OpteNic.Engine", "OpteNic.Api", "OpteNic.Packets"],
        ["OpteNic.Client"] = ["OpteNic.Api"],
        ["OpteAdm"] = ["OpteNic.Client", "OpteNic.Api"],
    };

    public static TheoryData<string> ProductProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in RepositoryLayout.Projects.Values.Where(p => p.Folder != "tests"))
        {
            data.Add(project.Name);
        }

        return data;
    }

    [Fact]
    public void Every_product_project_has_a_reference_rule()
    {
        var unruled = RepositoryLayout.Projects.Values
            .Where(p => p.Folder != "tests" && !Allowed.ContainsKey(p.Name))
            .Select(p => p.Name)
            .ToList();
        Assert.True(unruled.Count == 0, "Projects without a reference rule (add them to ReferenceDirectionTests.Allowed): " + string.Join(", ", unruled));
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void Project_reaches_only_what_it_may(string name)
    {
        var reached = Reachable(name);
        var forbidden = reached.Except(Allowed.GetValueOrDefault(name, [])).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(forbidden.Count == 0, $"{name} must not reference {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Engine_knows_nothing_of_hal_firmware_or_simulator()
    {
        foreach (var name in new[] { "OpteNic.Api", "OpteNic.Packets", "OpteNic.Engine", "OpteNic.Vpc" })
        {
            var reached = Reachable(name);
            Assert.DoesNotContain("OpteNic.Hal", reached);
            Assert.DoesNotContain("OpteNic.Firmware", reached);
            Assert.DoesNotContain("OpteNic.HwSim", reached);
        }
    }

    [Fact]
    public void Rule_checker_detects_a_forbidden_edge()
    {
        // Guards the test itself: a made-up graph where the engine references the simulator must be caught.
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["OpteNic.Engine"] = ["OpteNic.HwSim"], ["OpteNic.HwSim"] = [] };
        var reached = Reachable("OpteNic.Engine", graph);
        Assert.Contains("OpteNic.HwSim", reached.Except(Allowed["OpteNic.Engine"]));
    }

    private static HashSet<string> Reachable(string name) =>
        Reachable(name, RepositoryLayout.Projects.ToDictionary(p => p.Key, p => p.Value.ProjectReferences));

    private static HashSet<string> Reachable(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> graph)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph.GetValueOrDefault(name, []));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.Add(next))
            {
                foreach (var child in graph.GetValueOrDefault(next, []))
                {
                    pending.Push(child);
                }
            }
        }

        return seen;
    }
}

using OpteNic.Engine.Ports;

namespace OpteNic.Engine.Tests;

/// <summary>Asserts that exactly the named counters moved by exactly the given amounts; prints the port on failure.</summary>
public sealed class CounterAssert
{
    private readonly Port _port;
    private SortedDictionary<string, long> _before;

    public CounterAssert(Port port)
    {
        _port = port;
        _before = PortStatistics.Snapshot(port);
    }

    /// <summary>Checks the deltas since the last call and takes a new baseline.</summary>
    public void Deltas(string step, params (string Name, long Delta)[] expected)
    {
        SortedDictionary<string, long> after = PortStatistics.Snapshot(_port);
        var want = expected.ToDictionary(e => e.Name, e => e.Delta);
        var problems = new List<string>();
        foreach (string name in want.Keys.Where(n => !after.ContainsKey(n)))
        {
            problems.Add($"unknown counter {name}");
        }

        foreach ((string name, long value) in after)
        {
            long delta = value - _before.GetValueOrDefault(name);
            long expectedDelta = want.GetValueOrDefault(name);
            if (delta != expectedDelta)
            {
                problems.Add($"{name}: moved {delta}, expected {expectedDelta}");
            }
        }

        _before = after;
        Assert.True(problems.Count == 0, $"{step}:\n  {string.Join("\n  ", problems)}\n\n{PortDump.Render(_port)}");
    }
}

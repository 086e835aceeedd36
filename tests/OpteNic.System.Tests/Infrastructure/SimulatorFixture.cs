namespace OpteNic.System.Tests.Infrastructure;

/// <summary>One simulator shared by the tests of a class that only ask questions of it (no faults, no traffic).</summary>
public sealed class SimulatorFixture : IDisposable
{
    private readonly TempDirectory _directory = new("opte-nic-sim");

    public SimulatorFixture()
    {
        Simulator = SimulatorProcess.Start(_directory.Path);
    }

    public SimulatorProcess Simulator { get; }

    public string StateDirectory => _directory.Path;

    public void Dispose()
    {
        try
        {
            Simulator.Terminate();
        }
        finally
        {
            Simulator.Dispose();
            _directory.Dispose();
        }
    }
}

using OpteNic.System.Tests.Infrastructure;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// One simulator process shared by every error test of a class, with guest port <c>opte0</c> (IPv4 only, VNI 1234)
/// created by opteadm, so the errors that need an existing port, layer or MAC have one.
/// </summary>
public sealed class ConfiguredCardFixture : IDisposable
{
    /// <summary>The port every test may rely on.</summary>
    public const string Port = TwoGuestVpc.PortA;

    private readonly SimulatorFixture _simulator = new();

    public ConfiguredCardFixture()
    {
        OpteAdm = new OpteAdmSession(_simulator.StateDirectory);
        OpteAdm.Change("create-xde", Port, "--private-mac", TwoGuestVpc.MacAText, "--vni", "1234", "--src-underlay-addr", TwoGuestVpc.UnderlayA,
            "--private-ipv4", TwoGuestVpc.IpA.ToString(), "--vpc-subnet-ipv4", TwoGuestVpc.Subnet);
    }

    /// <summary>opteadm aimed at this card.</summary>
    public OpteAdmSession OpteAdm { get; }

    /// <summary>The simulator process (its log goes into assertion messages).</summary>
    public SimulatorProcess Simulator => _simulator.Simulator;

    /// <summary>The card's state directory.</summary>
    public string StateDirectory => _simulator.StateDirectory;

    public void Dispose() => _simulator.Dispose();
}

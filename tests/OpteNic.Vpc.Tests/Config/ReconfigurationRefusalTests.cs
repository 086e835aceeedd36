using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Config;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Config;

/// <summary>
/// A live change the engine refuses (rule changes on a paused port) is its own error kind, EngineRefused carrying the
/// engine's result — not ImmutableField, which blames the request — and it leaves the port exactly as it was.
/// </summary>
public class ReconfigurationRefusalTests
{
    private static readonly ExternalIpCfg<Ipv4Addr> s_ephemeralOnly = new(null, VpcScenario.EphemeralIp, []);

    [Fact]
    public void A_paused_port_refuses_set_external_ips_and_reconfigure_as_EngineRefused_BadState()
    {
        var s = new VpcScenario();
        Assert.Equal(PortOperationResult.Ok, s.Port.Port.Pause());
        VpcCfg before = s.Port.Config;
        var natBefore = s.Port.Nat.Current;
        ulong epochBefore = s.Port.Port.Epoch;

        Assert.False(s.Port.TrySetExternalIps(s_ephemeralOnly, null, out var error));
        Assert.Equal(VpcConfigErrorKind.EngineRefused, error.Kind);
        Assert.Equal(PortOperationResult.BadState, error.EngineResult);
        Assert.Contains("Paused", error.Message, StringComparison.Ordinal);

        // The state is judged before the content: an also-invalid change (a new VNI) is still the engine's refusal.
        Assert.False(s.Port.TryReconfigure(before with { Vni = new Vni(4242) }, out error));
        Assert.Equal(VpcConfigErrorKind.EngineRefused, error.Kind);
        Assert.Equal(PortOperationResult.BadState, error.EngineResult);

        Assert.Same(before, s.Port.Config);
        Assert.Same(natBefore, s.Port.Nat.Current);
        Assert.Equal(epochBefore, s.Port.Port.Epoch);

        Assert.Equal(PortOperationResult.Ok, s.Port.Port.Start());
        Assert.False(s.Port.TryReconfigure(before with { Vni = new Vni(4242) }, out error));
        Assert.Equal(VpcConfigErrorKind.ImmutableField, error.Kind);
        Assert.Equal(PortOperationResult.Ok, error.EngineResult);
        Assert.True(s.Port.TrySetExternalIps(s_ephemeralOnly, null, out error), error?.ToString());
        Assert.True(s.Port.Nat.Current.HasOneToOne(VpcScenario.EphemeralIp.ToPacketIp()));
    }
}

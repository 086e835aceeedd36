using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;

namespace OpteNic.Engine.Tests;

/// <summary>Layer positions and port creation.</summary>
public sealed class PortBuilderTests
{
    [Fact]
    public void Positions_first_last_before_after()
    {
        Assert.Equal(["gateway", "firewall", "router", "nat", "overlay"], new SampleNetwork().Port.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Bad_positions_and_duplicates_are_rejected()
    {
        var builder = new PortBuilder("p").AddLayer(new Layer("a", DefaultAction.Allow, DefaultAction.Allow), LayerPosition.Last);
        Assert.Throws<ArgumentException>(() => builder.AddLayer(new Layer("b", DefaultAction.Allow, DefaultAction.Allow), LayerPosition.Before("zzz")));
        Assert.Throws<ArgumentException>(() => builder.AddLayer(new Layer("a", DefaultAction.Allow, DefaultAction.Allow), LayerPosition.Last));
        Port port = builder.Create(uftLimit: 16, tcpLimit: 8);
        Assert.Equal(PortState.Ready, port.State);
        Assert.Equal(16, port.UftOut.Capacity);
        Assert.Equal(8, port.TcpFlows.Capacity);
    }

    [Fact]
    public void Dumps_render_every_table()
    {
        var net = new SampleNetwork();
        string text = PortDump.Render(net.Port);
        Assert.Contains("Layer firewall", text);
        Assert.Contains("UFT Inbound: 0/8192", text);
        Assert.Equal(5, PortDumps.ListLayers(net.Port).Count);
        Assert.Null(PortDumps.DumpLayer(net.Port, "missing"));
    }
}

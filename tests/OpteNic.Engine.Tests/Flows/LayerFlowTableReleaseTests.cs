using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests.Flows;

/// <summary>
/// Removing an LFT pair never releases a pooled descriptor (here a SNAT port) while a UFT entry still applies it: the
/// pair is retired and released when its last UFT link goes.
/// </summary>
public sealed class LayerFlowTableReleaseTests
{
    private static readonly Moment T0 = Moment.FromSeconds(1);
    private readonly PacketBuffer _buffer = new(2048);

    [Fact]
    public void Removing_a_pair_a_uft_entry_applies_retires_it_until_the_entry_goes()
    {
        var net = new SampleNetwork(snatPorts: 4);
        ushort first = SendUdp(net, 1000);
        Assert.Equal(3, net.Snat.FreePorts);
        int pair = OnlyPair(net);
        var descriptor = (SnatDescriptor)net.Nat.Flows.EntryAt(pair).Descriptor!;
        Assert.Equal(1, net.Nat.Flows.EntryAt(pair).UftReferences);

        net.Nat.Flows.Remove(pair);

        // Not released: the outbound UFT entry still rewrites to that port.
        Assert.Equal(0, descriptor.Releases);
        Assert.Equal(3, net.Snat.FreePorts);
        Assert.Equal(1, net.Nat.Flows.RetiredCount);
        Assert.Equal(0, net.Nat.Flows.Count);
        Assert.False(net.Nat.Flows.IsUsed(pair));
        Assert.False(net.Nat.Flows.TryFind(Direction.Outbound, net.Nat.Flows.OutboundKeyAt(pair), out _));

        // The established flow keeps its port on the fast path; a new flow cannot be handed the same port.
        long hits = net.Port.Outbound.UftHit;
        Assert.Equal(first, SendUdp(net, 1000));
        Assert.Equal(hits + 1, net.Port.Outbound.UftHit);
        ushort second = SendUdp(net, 1001);
        Assert.NotEqual(first, second);
        Assert.Equal(2, net.Snat.FreePorts);

        // Removing again is a no-op; the last UFT link going releases the descriptor exactly once.
        net.Nat.Flows.Remove(pair);
        net.Port.ClearUft();
        Assert.Equal(1, descriptor.Releases);
        Assert.Equal(0, net.Nat.Flows.RetiredCount);
        Assert.Equal(1, net.Nat.Flows.Count);
        Assert.Equal(3, net.Snat.FreePorts);
    }

    [Fact]
    public void Removing_an_unlinked_pair_releases_at_once_and_expiry_releases_retired_pairs()
    {
        var net = new SampleNetwork(snatPorts: 4);
        SendUdp(net, 1000);
        int pair = OnlyPair(net);
        var descriptor = (SnatDescriptor)net.Nat.Flows.EntryAt(pair).Descriptor!;
        net.Port.ClearUft();
        Assert.Equal(0, net.Nat.Flows.EntryAt(pair).UftReferences);
        net.Nat.Flows.Remove(pair);
        Assert.Equal(1, descriptor.Releases);
        Assert.Equal(0, net.Nat.Flows.RetiredCount);
        Assert.Equal(4, net.Snat.FreePorts);

        SendUdp(net, 1000);
        pair = OnlyPair(net);
        descriptor = (SnatDescriptor)net.Nat.Flows.EntryAt(pair).Descriptor!;
        int releasesBefore = descriptor.Releases;
        net.Nat.Flows.Remove(pair);
        Assert.Equal(releasesBefore, descriptor.Releases);

        // Idle expiry of the UFT entry drops the last link.
        net.Port.ExpireFlows(Moment.FromSeconds(1000));
        Assert.Equal(releasesBefore + 1, descriptor.Releases);
        Assert.Equal(0, net.Nat.Flows.RetiredCount);
        Assert.Equal(4, net.Snat.FreePorts);
    }

    [Fact]
    public void Clearing_a_layer_releases_retired_pairs_too()
    {
        var net = new SampleNetwork(snatPorts: 4);
        SendUdp(net, 1000);
        int pair = OnlyPair(net);
        var descriptor = (SnatDescriptor)net.Nat.Flows.EntryAt(pair).Descriptor!;
        net.Nat.Flows.Remove(pair);
        Assert.Equal(PortOperationResult.Ok, net.Port.ClearLft("nat"));
        Assert.Equal(1, descriptor.Releases);
        Assert.Equal(0, net.Nat.Flows.RetiredCount);
        Assert.Equal(4, net.Snat.FreePorts);

        // The UFT entry is stale (epoch): the next packet re-walks and gets a fresh mapping; removing the old entry
        // does not release anything twice.
        SendUdp(net, 1000);
        Assert.Equal(1, descriptor.Releases);
        Assert.Equal(3, net.Snat.FreePorts);
    }

    private ushort SendUdp(SampleNetwork net, ushort sourcePort)
    {
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, sourcePort, 53, payload: 8);
        Assert.Equal(ProcessOutcome.Modified, net.Port.Process(Direction.Outbound, _buffer, T0).Outcome);
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket parsed, out _));
        return parsed.SrcPort;
    }

    private static int OnlyPair(SampleNetwork net)
    {
        int found = -1;
        for (int pair = 0; pair < net.Nat.Flows.Capacity; pair++)
        {
            if (net.Nat.Flows.IsUsed(pair))
            {
                Assert.Equal(-1, found);
                found = pair;
            }
        }

        Assert.NotEqual(-1, found);
        return found;
    }
}

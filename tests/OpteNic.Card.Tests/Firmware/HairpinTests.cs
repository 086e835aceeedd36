using OpteNic.Api.Abi;

namespace OpteNic.Card.Tests.Firmware;

/// <summary>Hairpin replies go back the way the packet came (datasheet §6.3, §6.4).</summary>
public sealed class HairpinTests
{
    [Fact]
    public void An_outbound_hairpin_lands_in_the_same_queue_pairs_RX_ring_flagged_and_nothing_reaches_the_wire()
    {
        using var card = new CardHarness(queues: 1, port: new EchoHairpinPort());
        var tx = new HostQueue(card, 0, transmit: true, 8);
        var rx = new HostQueue(card, 0, transmit: false, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        rx.PostBuffer(9);

        var request = TestFrames.Udp(5555, EchoHairpinPort.EchoPort, 16, 1);
        tx.PostFrame(request, 1);
        card.Step();

        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        var reply = rx.TakeFrame(out var completion);
        Assert.Equal(CompletionFlags.Hairpin, completion.Flags);
        Assert.Equal(0u, completion.RssHash);
        Assert.Equal(request.AsSpan(0, 6).ToArray(), reply.AsSpan(6, 6).ToArray());
        Assert.Equal(request.AsSpan(26, 4).ToArray(), reply.AsSpan(30, 4).ToArray());
        Assert.Equal(request[34..36], reply[36..38]);
        Assert.False(card.Wire.TryReceive(out _));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.Hairpins));
        Assert.Equal(0u, card.QueueStat(0, QueueStatIndex.TxPackets));
    }

    [Fact]
    public void An_inbound_hairpin_goes_back_out_of_the_wire_port_and_never_reaches_the_host()
    {
        using var card = new CardHarness(queues: 1, port: new EchoHairpinPort());
        var rx = new HostQueue(card, 0, transmit: false, 8);
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        rx.PostBuffer(1);

        var request = TestFrames.Udp(4444, EchoHairpinPort.EchoPort, 16, 2);
        card.Wire.Send(request);
        card.Step();

        Assert.True(card.Wire.TryReceive(out var reply));
        Assert.Equal(request.AsSpan(26, 4).ToArray(), reply.AsSpan(30, 4).ToArray());
        Assert.Equal(request[34..36], reply[36..38]);
        Assert.False(rx.TryTake(out _, out _));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.Hairpins));
        Assert.Equal(0u, card.QueueStat(0, QueueStatIndex.RxPackets));
    }
}

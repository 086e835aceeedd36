using OpteNic.Engine.Tcp;
using OpteNic.Packets.Headers;

namespace OpteNic.Engine.Tests;

/// <summary>OPTE's TCP transition table, row by row.</summary>
public sealed class TcpStateMachineTests
{
    private const TcpFlags Syn = TcpFlags.Syn;
    private const TcpFlags Ack = TcpFlags.Ack;
    private const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;
    private const TcpFlags Fin = TcpFlags.Fin;
    private const TcpFlags FinAck = TcpFlags.Fin | TcpFlags.Ack;

    [Theory]
    [InlineData(TcpState.Closed, Direction.Outbound, Syn, TcpState.SynSent)]
    [InlineData(TcpState.Closed, Direction.Outbound, Ack, TcpState.Established)]
    [InlineData(TcpState.Closed, Direction.Inbound, Ack, TcpState.Established)]
    [InlineData(TcpState.Closed, Direction.Inbound, Syn, TcpState.Listen)]
    [InlineData(TcpState.Listen, Direction.Outbound, SynAck, TcpState.SynRcvd)]
    [InlineData(TcpState.Listen, Direction.Inbound, Syn, TcpState.Listen)]
    [InlineData(TcpState.SynSent, Direction.Inbound, SynAck, TcpState.Established)]
    [InlineData(TcpState.SynSent, Direction.Outbound, Syn, TcpState.SynSent)]
    [InlineData(TcpState.SynRcvd, Direction.Inbound, Ack, TcpState.Established)]
    [InlineData(TcpState.Established, Direction.Outbound, FinAck, TcpState.FinWait1)]
    [InlineData(TcpState.Established, Direction.Inbound, FinAck, TcpState.CloseWait)]
    [InlineData(TcpState.Established, Direction.Outbound, Ack, TcpState.Established)]
    [InlineData(TcpState.FinWait1, Direction.Inbound, FinAck, TcpState.TimeWait)]
    [InlineData(TcpState.CloseWait, Direction.Outbound, FinAck, TcpState.LastAck)]
    [InlineData(TcpState.FinWait2, Direction.Inbound, Ack, TcpState.FinWait2)]
    public void Transition(TcpState from, Direction direction, TcpFlags flags, TcpState to)
    {
        var entry = new TcpFlowEntry { State = from };
        TcpSegmentResult result = TcpStateMachine.Apply(ref entry, direction, flags, 10, 20, 0);
        Assert.NotEqual(TcpSegmentResult.InvalidFirstSegment, result);
        Assert.Equal(to, entry.State);
    }

    [Fact]
    public void Ack_of_guest_fin_moves_finwait1_to_finwait2_then_fin_to_timewait()
    {
        var entry = new TcpFlowEntry { State = TcpState.Established };
        TcpStateMachine.Apply(ref entry, Direction.Outbound, FinAck, seq: 100, ack: 500, payloadLength: 10);
        Assert.Equal(TcpState.FinWait1, entry.State);
        TcpStateMachine.Apply(ref entry, Direction.Inbound, Ack, seq: 500, ack: 110, payloadLength: 0); // not the FIN's ack
        Assert.Equal(TcpState.FinWait1, entry.State);
        TcpStateMachine.Apply(ref entry, Direction.Inbound, Ack, seq: 500, ack: 111, payloadLength: 0);
        Assert.Equal(TcpState.FinWait2, entry.State);
        TcpStateMachine.Apply(ref entry, Direction.Inbound, FinAck, seq: 500, ack: 111, payloadLength: 0);
        Assert.Equal(TcpState.TimeWait, entry.State);
    }

    [Fact]
    public void Last_ack_of_guest_fin_closes()
    {
        var entry = new TcpFlowEntry { State = TcpState.CloseWait };
        TcpStateMachine.Apply(ref entry, Direction.Outbound, FinAck, seq: 7, ack: 1, payloadLength: 0);
        Assert.Equal(TcpState.LastAck, entry.State);
        Assert.Equal(TcpSegmentResult.Closed, TcpStateMachine.Apply(ref entry, Direction.Inbound, Ack, seq: 1, ack: 8, payloadLength: 0));
        Assert.Equal(TcpState.Closed, entry.State);
    }

    [Theory]
    [InlineData(Direction.Outbound)]
    [InlineData(Direction.Inbound)]
    public void Rst_either_way_closes(Direction direction)
    {
        var entry = new TcpFlowEntry { State = TcpState.Established };
        Assert.Equal(TcpSegmentResult.Closed, TcpStateMachine.Apply(ref entry, direction, TcpFlags.Rst, 1, 1, 0));
        Assert.Equal(TcpState.Closed, entry.State);
    }

    [Theory]
    [InlineData(TcpState.Established, Direction.Outbound)]
    [InlineData(TcpState.TimeWait, Direction.Inbound)]
    [InlineData(TcpState.SynSent, Direction.Inbound)]
    [InlineData(TcpState.Listen, Direction.Outbound)]
    public void Syn_that_does_not_fit_starts_a_new_flow(TcpState state, Direction direction)
    {
        var entry = new TcpFlowEntry { State = state };
        Assert.Equal(TcpSegmentResult.NewFlow, TcpStateMachine.Apply(ref entry, direction, Syn, 1, 0, 0));
        Assert.Equal(state, entry.State);
    }

    [Theory]
    [InlineData(Fin)]
    [InlineData(TcpFlags.None)]
    [InlineData(SynAck)]
    [InlineData(TcpFlags.Rst)]
    public void Invalid_first_segment(TcpFlags flags)
    {
        var entry = new TcpFlowEntry();
        Assert.Equal(TcpSegmentResult.InvalidFirstSegment, TcpStateMachine.Apply(ref entry, Direction.Outbound, flags, 1, 0, 0));
    }

    [Theory]
    [InlineData(TcpState.SynSent, 5)]
    [InlineData(TcpState.SynRcvd, 5)]
    [InlineData(TcpState.Listen, 5)]
    [InlineData(TcpState.LastAck, 5)]
    [InlineData(TcpState.TimeWait, 120)]
    [InlineData(TcpState.CloseWait, 120)]
    [InlineData(TcpState.FinWait1, 120)]
    [InlineData(TcpState.FinWait2, 120)]
    [InlineData(TcpState.Established, 8000)]
    [InlineData(TcpState.Closed, 0)]
    public void Timers(TcpState state, long seconds) =>
        Assert.Equal(seconds * 1_000_000_000, TcpTimers.TimeoutNanoseconds(state));

    [Fact]
    public void Eviction_classes()
    {
        const long S = 1_000_000_000;
        Assert.Equal(0, TcpTimers.EvictionClass(TcpState.Closed, 0));
        Assert.Equal(1, TcpTimers.EvictionClass(TcpState.TimeWait, 6 * S));
        Assert.Equal(int.MaxValue, TcpTimers.EvictionClass(TcpState.TimeWait, 4 * S));
        Assert.Equal(1, TcpTimers.EvictionClass(TcpState.SynSent, 3 * S));
        Assert.Equal(int.MaxValue, TcpTimers.EvictionClass(TcpState.SynSent, 2 * S));
        Assert.Equal(2, TcpTimers.EvictionClass(TcpState.Established, 60 * S));
        Assert.Equal(int.MaxValue, TcpTimers.EvictionClass(TcpState.Established, 59 * S));
    }
}

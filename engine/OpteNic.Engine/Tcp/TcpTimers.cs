namespace OpteNic.Engine.Tcp;

/// <summary>How long a TCP entry may sit idle in each state before expiry (behaviour §1 "Expiry and eviction").</summary>
public static class TcpTimers
{
    private const long Second = 1_000_000_000;

    /// <summary>Idle time after which an entry in <paramref name="state"/> expires, in nanoseconds.</summary>
    public static long TimeoutNanoseconds(TcpState state) => state switch
    {
        TcpState.SynSent or TcpState.SynRcvd or TcpState.Listen or TcpState.LastAck => 5 * Second,
        TcpState.TimeWait or TcpState.CloseWait or TcpState.FinWait1 or TcpState.FinWait2 => 120 * Second,
        TcpState.Established => 8000 * Second,
        _ => 0,
    };

    /// <summary>True for the connection-opening states (evictable after 2.5 s idle).</summary>
    public static bool IsHandshake(TcpState state) => state is TcpState.Listen or TcpState.SynSent or TcpState.SynRcvd;

    /// <summary>True for the closing states (evictable after 5 s idle).</summary>
    public static bool IsQuiescent(TcpState state) =>
        state is TcpState.CloseWait or TcpState.LastAck or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.TimeWait;

    /// <summary>
    /// Eviction class of an entry, lower evicted first; <see cref="int.MaxValue"/> = protected.
    /// Closed 0; quiescent idle &gt; 5 s and handshake idle &gt; 2.5 s 1; Established idle ≥ 60 s 2.
    /// </summary>
    public static int EvictionClass(TcpState state, long idleNanoseconds)
    {
        if (state == TcpState.Closed)
        {
            return 0;
        }

        if ((IsQuiescent(state) && idleNanoseconds > 5 * Second) || (IsHandshake(state) && idleNanoseconds > 2_500_000_000))
        {
            return 1;
        }

        if (state == TcpState.Established && idleNanoseconds >= 60 * Second)
        {
            return 2;
        }

        return int.MaxValue;
    }
}

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// Per-port counters of the gateway's hairpins: replies per kind and, for requests that got no reply, why. Every
/// unanswered request is also a drop_handle_pkt in the port statistics; these say which kind and reason.
/// </summary>
public sealed class GatewayHairpinCounters
{
    private readonly long[] _replies = new long[8];
    private readonly long[] _noReply = new long[6];

    /// <summary>Replies sent for <paramref name="kind"/>.</summary>
    public long Replies(GatewayHairpinKind kind) => Interlocked.Read(ref _replies[(int)kind]);

    /// <summary>Requests dropped without reply for <paramref name="verdict"/> (NotApplicable, Malformed, Suppressed…).</summary>
    public long NoReply(HairpinVerdict verdict) => Interlocked.Read(ref _noReply[(int)verdict]);

    internal void Count(GatewayHairpinKind kind, HairpinVerdict verdict)
    {
        if (verdict == HairpinVerdict.Reply)
        {
            Interlocked.Increment(ref _replies[(int)kind]);
        }
        else
        {
            Interlocked.Increment(ref _noReply[(int)verdict]);
        }
    }
}

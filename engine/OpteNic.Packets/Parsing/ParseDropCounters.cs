namespace OpteNic.Packets.Parsing;

/// <summary>
/// Parse drops counted by <see cref="ParseError"/> reason (OPTE's per-port parse statistics). Owned by one data-path
/// core; other threads may read (values are 64-bit and read atomically, possibly a packet stale).
/// </summary>
public sealed class ParseDropCounters
{
    private const int ReasonCount = 8;
    private readonly long[] _counts = new long[ReasonCount];

    /// <summary>Counts one drop for <paramref name="reason"/>; <see cref="ParseError.None"/> is ignored.</summary>
    public void Count(ParseError reason)
    {
        uint index = (uint)reason;
        if (index != 0 && index < ReasonCount)
        {
            _counts[index]++;
        }
    }

    /// <summary>Drops counted for <paramref name="reason"/>.</summary>
    public long this[ParseError reason] => (uint)reason < ReasonCount ? Volatile.Read(ref _counts[(int)reason]) : 0;

    /// <summary>Frames refused by policy (<see cref="ParseError.Reject"/>).</summary>
    public long Reject => this[ParseError.Reject];

    /// <summary>Frames carrying a protocol the mode does not accept (<see cref="ParseError.UnwantedProtocol"/>).</summary>
    public long UnwantedProtocol => this[ParseError.UnwantedProtocol];

    /// <summary>Frames ending inside a header (<see cref="ParseError.Truncated"/>).</summary>
    public long Truncated => this[ParseError.Truncated];

    /// <summary>Headers running past their datagram (<see cref="ParseError.Straddled"/>).</summary>
    public long Straddled => this[ParseError.Straddled];

    /// <summary>Forbidden field values (<see cref="ParseError.IllegalValue"/>).</summary>
    public long IllegalValue => this[ParseError.IllegalValue];

    /// <summary>Inconsistent length fields (<see cref="ParseError.BadLength"/>).</summary>
    public long BadLength => this[ParseError.BadLength];

    /// <summary>Unacceptable Geneve options (<see cref="ParseError.BadTunnelOption"/>).</summary>
    public long BadTunnelOption => this[ParseError.BadTunnelOption];

    /// <summary>All parse drops.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            for (int i = 1; i < ReasonCount; i++)
            {
                total += Volatile.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Zeroes every counter (port reset).</summary>
    public void Clear() => Array.Clear(_counts);
}

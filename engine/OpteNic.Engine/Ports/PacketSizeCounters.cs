namespace OpteNic.Engine.Ports;

/// <summary>
/// Counters of a port's packet size limit for one direction (reported with an <c>in_</c>/<c>out_</c> prefix). Plain
/// fields written only by the port's owner, like <see cref="PortDirectionCounters"/>.
/// </summary>
public sealed class PacketSizeCounters
{
    /// <summary>IP packets longer than the limit (too_big): each is also counted as exactly one of the three below.</summary>
    public long TooBig;
    /// <summary>Oversized packets answered with a hairpin (too_big_hairpin; also counted in hairpin).</summary>
    public long Hairpinned;
    /// <summary>Oversized packets dropped (drop_too_big; also counted in drop).</summary>
    public long Dropped;
    /// <summary>Oversized packets the responder let through (too_big_pass).</summary>
    public long Passed;
}

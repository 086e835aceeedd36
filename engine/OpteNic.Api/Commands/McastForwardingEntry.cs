using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One multicast forwarding entry: an underlay group and its next hops.
/// Wire form: <c>underlay</c> (Ipv6Addr), <c>next_hops</c> (Vec&lt;McastNextHop&gt;).
/// </summary>
/// <param name="Underlay">Underlay multicast group (ff04::/16).</param>
/// <param name="NextHops">Next hops.</param>
public sealed record McastForwardingEntry(
    Ipv6Addr Underlay,
    ValueArray<McastNextHop> NextHops) : IPostcardSerializable<McastForwardingEntry>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Underlay.Write(ref writer);
        writer.WriteSequence(NextHops);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastForwardingEntry value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Addr fUnderlay) ||
            !reader.TryReadSequence(out ValueArray<McastNextHop> fNextHops, 20))
        {
            return false;
        }

        value = new McastForwardingEntry(fUnderlay, fNextHops);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetMcastForwarding"/> (100): set the next hops of an underlay group.
/// Wire form: <c>underlay</c> (Ipv6Addr), <c>next_hops</c> (Vec&lt;McastNextHop&gt;).
/// </summary>
/// <param name="Underlay">Underlay multicast group (ff04::/16).</param>
/// <param name="NextHops">Next hops.</param>
public sealed record SetMcastForwardingReq(
    Ipv6Addr Underlay,
    ValueArray<McastNextHop> NextHops) : IOpteRequest<SetMcastForwardingReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetMcastForwarding;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetMcastForwarding;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Underlay.Write(ref writer);
        writer.WriteSequence(NextHops);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetMcastForwardingReq value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Addr fUnderlay) ||
            !reader.TryReadSequence(out ValueArray<McastNextHop> fNextHops, 20))
        {
            return false;
        }

        value = new SetMcastForwardingReq(fUnderlay, fNextHops);
        return true;
    }
}

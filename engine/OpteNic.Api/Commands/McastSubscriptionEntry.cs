using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// The local ports subscribed to one underlay multicast group.
/// Wire form: <c>underlay</c> (Ipv6Addr), <c>ports</c> (Vec&lt;String&gt;).
/// </summary>
/// <param name="Underlay">Underlay multicast group.</param>
/// <param name="Ports">Port names.</param>
public sealed record McastSubscriptionEntry(
    Ipv6Addr Underlay,
    ValueArray<string> Ports) : IPostcardSerializable<McastSubscriptionEntry>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Underlay.Write(ref writer);
        writer.WriteStringSequence(Ports);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastSubscriptionEntry value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Addr fUnderlay) ||
            !reader.TryReadStringSequence(out ValueArray<string> fPorts))
        {
            return false;
        }

        value = new McastSubscriptionEntry(fUnderlay, fPorts);
        return true;
    }
}

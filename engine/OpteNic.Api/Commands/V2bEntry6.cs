using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One IPv6 V2B mapping: a prefix and its boundary tunnel endpoints.
/// Wire form: <c>prefix</c> (Ipv6Cidr), <c>endpoints</c> (Vec&lt;TunnelEndpoint&gt;).
/// </summary>
/// <param name="Prefix">External prefix.</param>
/// <param name="Endpoints">Tunnel endpoints (a set).</param>
public sealed record V2bEntry6(
    Ipv6Cidr Prefix,
    ValueArray<TunnelEndpoint> Endpoints) : IPostcardSerializable<V2bEntry6>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Prefix.Write(ref writer);
        writer.WriteSequence(Endpoints);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2bEntry6 value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Cidr fPrefix) ||
            !reader.TryReadSequence(out ValueArray<TunnelEndpoint> fEndpoints, 19))
        {
            return false;
        }

        value = new V2bEntry6(fPrefix, fEndpoints);
        return true;
    }
}

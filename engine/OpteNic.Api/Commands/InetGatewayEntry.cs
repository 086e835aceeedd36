using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Which internet gateways an external IP may leave through (a map entry of <c>inet_gw_map</c>).
/// Wire form: <c>ip</c> (IpAddr), <c>gateways</c> (Vec&lt;Uuid&gt;).
/// </summary>
/// <param name="Ip">External (floating) IP.</param>
/// <param name="Gateways">Internet gateway ids (a set).</param>
public sealed record InetGatewayEntry(
    IpAddr Ip,
    ValueArray<Guid> Gateways) : IPostcardSerializable<InetGatewayEntry>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        writer.WriteUuidSequence(Gateways);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out InetGatewayEntry value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fIp) ||
            !reader.TryReadUuidSequence(out ValueArray<Guid> fGateways))
        {
            return false;
        }

        value = new InetGatewayEntry(fIp, fGateways);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>What a firewall rule matches: all three must hold. Wire form: hosts, protocol, ports.</summary>
public sealed record Filters(FirewallAddress Hosts, ProtocolFilter Protocol, Ports Ports) : IPostcardSerializable<Filters>
{
    /// <summary>Matches everything.</summary>
    public static Filters Everything { get; } = new(new FirewallAddress.Any(), new ProtocolFilter.Any(), new Ports.Any());

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Hosts.Write(ref writer);
        Protocol.Write(ref writer);
        Ports.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Filters value)
    {
        value = null;
        if (!reader.TryRead(out FirewallAddress hosts) || !reader.TryRead(out ProtocolFilter protocol) ||
            !reader.TryRead(out Ports ports))
        {
            return false;
        }

        value = new Filters(hosts, protocol, ports);
        return true;
    }
}

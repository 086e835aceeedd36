using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// What the gateway's DHCPv4/DHCPv6 replies tell the guest. Wire form, in order: hostname (Option&lt;String&gt;),
/// host_domain (Option&lt;String&gt;), domain_search_list (Vec&lt;String&gt;), dns4_servers (Vec&lt;Ipv4Addr&gt;),
/// dns6_servers (Vec&lt;Ipv6Addr&gt;). Domain names travel as their text.
/// </summary>
public sealed record DhcpCfg(
    string? Hostname,
    string? HostDomain,
    ValueArray<string> DomainSearchList,
    ValueArray<Ipv4Addr> Dns4Servers,
    ValueArray<Ipv6Addr> Dns6Servers) : IPostcardSerializable<DhcpCfg>
{
    /// <summary>No hostname, domain or servers.</summary>
    public static DhcpCfg Empty { get; } = new(null, null, [], [], []);

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteOptionString(Hostname);
        writer.WriteOptionString(HostDomain);
        writer.WriteStringSequence(DomainSearchList);
        writer.WriteSequence(Dns4Servers);
        writer.WriteSequence(Dns6Servers);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DhcpCfg value)
    {
        value = null;
        if (!reader.TryReadOptionString(out string? hostname) || !reader.TryReadOptionString(out string? domain) ||
            !reader.TryReadStringSequence(out ValueArray<string> search) ||
            !reader.TryReadSequence(out ValueArray<Ipv4Addr> dns4, 4) ||
            !reader.TryReadSequence(out ValueArray<Ipv6Addr> dns6, 16))
        {
            return false;
        }

        value = new DhcpCfg(hostname, domain, search, dns4, dns6);
        return true;
    }
}

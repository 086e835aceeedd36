using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One row of <c>list-ports</c>: a port's name, MAC, addresses and state.
/// Wire form: <c>name</c> (String), <c>mac_addr</c> (MacAddr), <c>ip4_addr</c> (Option&lt;Ipv4Addr&gt;), <c>ephemeral_ip4_addr</c> (Option&lt;Ipv4Addr&gt;), <c>floating_ip4_addrs</c> (Option&lt;Vec&lt;Ipv4Addr&gt;&gt;), <c>ip6_addr</c> (Option&lt;Ipv6Addr&gt;), <c>ephemeral_ip6_addr</c> (Option&lt;Ipv6Addr&gt;), <c>floating_ip6_addrs</c> (Option&lt;Vec&lt;Ipv6Addr&gt;&gt;), <c>state</c> (String).
/// </summary>
/// <param name="Name">Port name.</param>
/// <param name="MacAddr">Guest MAC.</param>
/// <param name="Ip4Addr">Private IPv4, if the port has IPv4.</param>
/// <param name="EphemeralIp4Addr">Ephemeral external IPv4, if any.</param>
/// <param name="FloatingIp4Addrs">Floating external IPv4 addresses, if the port has IPv4.</param>
/// <param name="Ip6Addr">Private IPv6, if the port has IPv6.</param>
/// <param name="EphemeralIp6Addr">Ephemeral external IPv6, if any.</param>
/// <param name="FloatingIp6Addrs">Floating external IPv6 addresses, if the port has IPv6.</param>
/// <param name="State">Port state: "ready", "running", "paused".</param>
public sealed record PortInfo(
    string Name,
    MacAddr MacAddr,
    Ipv4Addr? Ip4Addr,
    Ipv4Addr? EphemeralIp4Addr,
    ValueArray<Ipv4Addr>? FloatingIp4Addrs,
    Ipv6Addr? Ip6Addr,
    Ipv6Addr? EphemeralIp6Addr,
    ValueArray<Ipv6Addr>? FloatingIp6Addrs,
    string State) : IPostcardSerializable<PortInfo>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(Name);
        MacAddr.Write(ref writer);
        writer.WriteOption(Ip4Addr);
        writer.WriteOption(EphemeralIp4Addr);
        writer.WriteOptionSequence(FloatingIp4Addrs);
        writer.WriteOption(Ip6Addr);
        writer.WriteOption(EphemeralIp6Addr);
        writer.WriteOptionSequence(FloatingIp6Addrs);
        writer.WriteString(State);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out PortInfo value)
    {
        value = null;
        if (!reader.TryReadString(out string fName) ||
            !reader.TryRead(out MacAddr fMacAddr) ||
            !reader.TryReadOptionValue(out Ipv4Addr? fIp4Addr) ||
            !reader.TryReadOptionValue(out Ipv4Addr? fEphemeralIp4Addr) ||
            !reader.TryReadOptionSequence(out ValueArray<Ipv4Addr>? fFloatingIp4Addrs, 4) ||
            !reader.TryReadOptionValue(out Ipv6Addr? fIp6Addr) ||
            !reader.TryReadOptionValue(out Ipv6Addr? fEphemeralIp6Addr) ||
            !reader.TryReadOptionSequence(out ValueArray<Ipv6Addr>? fFloatingIp6Addrs, 16) ||
            !reader.TryReadString(out string fState))
        {
            return false;
        }

        value = new PortInfo(fName, fMacAddr, fIp4Addr, fEphemeralIp4Addr, fFloatingIp4Addrs, fIp6Addr, fEphemeralIp6Addr, fFloatingIp6Addrs, fState);
        return true;
    }
}

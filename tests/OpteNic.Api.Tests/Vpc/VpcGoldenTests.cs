using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Vpc;

/// <summary>Golden vectors for the VPC configuration and firewall types (derivations in <see cref="Samples"/>).</summary>
public class VpcGoldenTests
{
    [Fact]
    public void Underlay_values()
    {
        Golden.Check(new PhysNet(Samples.GatewayMac, Samples.Phys, new Vni(100)),
            Samples.GatewayMacHex + " " + Samples.PhysHex + " 00 00 64");
        Golden.Check(new GuestPhysAddr(Samples.GuestMac, Samples.Phys), Samples.GuestMacHex + " " + Samples.PhysHex);
        // VNI 99 = 63.
        Golden.Check(new TunnelEndpoint(Samples.Phys, new Vni(99)), Samples.PhysHex + " 00 00 63");
    }

    [Fact]
    public void External_ip_configuration()
    {
        Golden.Check(Samples.Snat, Samples.SnatHex);
        Golden.Check(Samples.External, Samples.ExternalHex);
        Golden.Check(ExternalIpCfg<Ipv4Addr>.None, "00 00 00");
        // IPv6: None, Some(fd00::1), [].
        Golden.Check(new ExternalIpCfg<Ipv6Addr>(null, Samples.Phys, []), "00 01 " + Samples.PhysHex + " 00");
    }

    [Fact]
    public void Ip_and_port_configuration()
    {
        Golden.Check(Samples.V4Cfg, Samples.V4CfgHex);
        Golden.Check<IpCfg>(new IpCfg.Ipv4(Samples.V4Cfg), "00 " + Samples.V4CfgHex);
        // Ipv6Cfg: fd00::/64, fd00::5, fd00::1, no external IPs, no attached subnets, no transit IPs.
        var v6 = new Ipv6Cfg(Ipv6Cidr.Parse("fd00::/64"), Ipv6Addr.Parse("fd00::5"), Samples.Phys,
            ExternalIpCfg<Ipv6Addr>.None, [], []);
        const string v6Hex = "FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 40 " +
                             "FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 05 " + Samples.PhysHex + " 00 00 00 00 00";
        Golden.Check(v6, v6Hex);
        Golden.Check<IpCfg>(new IpCfg.Ipv6(v6), "01 " + v6Hex);
        Golden.Check<IpCfg>(new IpCfg.DualStack(Samples.V4Cfg, v6), "02 " + Samples.V4CfgHex + " " + v6Hex);
        Golden.Check(Samples.Vpc, Samples.VpcHex);
        Golden.Check(Samples.Dhcp, Samples.DhcpHex);
        Golden.Check(DhcpCfg.Empty, "00 00 00 00 00");
    }

    [Fact]
    public void Router_targets()
    {
        Golden.Check<RouterTarget>(new RouterTarget.Drop(), "00");
        Golden.Check<RouterTarget>(new RouterTarget.InternetGateway(null), "01 00");
        // Some(uuid): option 01, byte-string length 10 (16), RFC 9562 bytes in order.
        Golden.Check<RouterTarget>(new RouterTarget.InternetGateway(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")),
            "01 01 10 01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF");
        Golden.Check<RouterTarget>(new RouterTarget.Ip(IpAddr.Parse("10.0.0.1")), "02 00 0A 00 00 01");
        Golden.Check<RouterTarget>(new RouterTarget.VpcSubnet(Samples.Subnet), "03 00 " + Samples.SubnetHex);
    }

    [Fact]
    public void Uuid_of_wrong_length_is_invalid()
    {
        Assert.False(PostcardSerializer.TryDeserialize<RouterTarget>(Hex.Parse("01 01 02 AA BB"), out _,
            out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidValue, error.Kind);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("ig")]
    [InlineData("ig=01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData("ip4=10.0.0.1")]
    [InlineData("ip6=fd00::1")]
    [InlineData("sub4=10.0.0.0/24")]
    [InlineData("sub6=fd00::/64")]
    public void Router_target_text_round_trips(string text)
    {
        Assert.True(RouterTarget.TryParse(text, out RouterTarget? target, out string error), error);
        Assert.Equal(text, target.ToString());
    }

    [Theory]
    [InlineData("ip4=fd00::1", "bad argument")]
    [InlineData("sub4=10.0.0.0/40", "bad argument")]
    [InlineData("ig=nope", "bad argument")]
    [InlineData("gateway", "unknown router target")]
    public void Router_target_text_errors(string text, string expected)
    {
        Assert.False(RouterTarget.TryParse(text, out _, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Firewall_types()
    {
        Golden.Check(Samples.Rule, Samples.RuleHex);
        Golden.Check<FirewallAddress>(new FirewallAddress.Any(), "00");
        Golden.Check<FirewallAddress>(new FirewallAddress.Ip(IpAddr.Parse("fd00::1")), "01 01 " + Samples.PhysHex);
        // subnet=10.0.0.0/8: variant 02, IpCidr V4 00, 0A 00 00 00, prefix 08.
        Golden.Check<FirewallAddress>(new FirewallAddress.Subnet(IpCidr.Parse("10.0.0.0/8")), "02 00 0A 00 00 00 08");
        Golden.Check<FirewallAddress>(new FirewallAddress.Vni(new Vni(7)), "03 00 00 07");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Any(), "00");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Arp(), "01");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Tcp(), "02");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Udp(), "03");
        // icmp type 3 codes 0..4: variant 04, Some 01, type 03, Some 01, 00, 04.
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Icmp(new IcmpFilter(3, 0, 4)), "04 01 03 01 00 04");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Icmp(new IcmpFilter(8)), "04 01 08 00");
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Icmp6(null), "05 00");
        // GRE = 47 = 2F.
        Golden.Check<ProtocolFilter>(new ProtocolFilter.Other(47), "06 2F");
        Golden.Check<Ports>(new Ports.Any(), "00");
        // ports 80, 443: variant 01, count 02, 80 = 50, 443 = BB 03.
        Golden.Check<Ports>(new Ports.PortList([80, 443]), "01 02 50 BB 03");
        Golden.Check(Filters.Everything, "00 00 00");
        // dir=out (01), everything (00 00 00), deny (01), priority 0 (00).
        Golden.Check(new FirewallRule(Direction.Out, Filters.Everything, FirewallAction.Deny, 0), "01 00 00 00 01 00");
        // dir=in (00), everything, allow (00), priority 300 = AC 02.
        Golden.Check(new FirewallRule(Direction.In, Filters.Everything, FirewallAction.Allow, 300), "00 00 00 00 00 AC 02");
    }

    [Theory]
    [InlineData("02 00 00 00 00 00", "Direction")]
    [InlineData("00 04", "FirewallAddress")]
    [InlineData("00 00 07", "ProtocolFilter")]
    [InlineData("00 00 00 02", "Ports")]
    [InlineData("00 00 00 00 02 00", "FirewallAction")]
    public void Firewall_bad_discriminants_name_the_type(string hex, string type)
    {
        Assert.False(PostcardSerializer.TryDeserialize<FirewallRule>(Hex.Parse(hex), out _, out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidDiscriminant, error.Kind);
        Assert.Equal(type, error.Context);
    }

    [Fact]
    public void Icmp_code_range_reversed_is_invalid()
    {
        Assert.False(PostcardSerializer.TryDeserialize<ProtocolFilter>(Hex.Parse("04 01 03 01 05 04"), out _,
            out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidValue, error.Kind);
    }
}

using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.Api.Tests;

/// <summary>Shared sample values whose encodings the golden vectors spell out byte by byte.</summary>
internal static class Samples
{
    /// <summary>a8:40:25:ff:77:77 → A8 40 25 FF 77 77.</summary>
    public static readonly MacAddr GatewayMac = MacAddr.Parse("a8:40:25:ff:77:77");
    public const string GatewayMacHex = "A8 40 25 FF 77 77";

    /// <summary>a8:40:25:00:00:01 → A8 40 25 00 00 01.</summary>
    public static readonly MacAddr GuestMac = MacAddr.Parse("a8:40:25:00:00:01");
    public const string GuestMacHex = "A8 40 25 00 00 01";

    /// <summary>fd00::1 → FD, fourteen 00, 01.</summary>
    public static readonly Ipv6Addr Phys = Ipv6Addr.Parse("fd00::1");
    public const string PhysHex = "FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01";

    /// <summary>10.0.0.0/24 → 0A 00 00 00 then prefix 18 (24).</summary>
    public static readonly Ipv4Cidr Subnet = Ipv4Cidr.Parse("10.0.0.0/24");
    public const string SubnetHex = "0A 00 00 00 18";

    /// <summary>SNAT 10.1.1.1 ports 1024..2047: 0A 01 01 01, 1024 = 0x400 → 80 08, 2047 = 0x7FF → FF 0F.</summary>
    public static readonly SNatCfg<Ipv4Addr> Snat = new(Ipv4Addr.Parse("10.1.1.1"), 1024, 2047);
    public const string SnatHex = "0A 01 01 01 80 08 FF 0F";

    /// <summary>Some(snat), Some(10.1.1.2), [10.1.1.3].</summary>
    public static readonly ExternalIpCfg<Ipv4Addr> External =
        new(Snat, Ipv4Addr.Parse("10.1.1.2"), [Ipv4Addr.Parse("10.1.1.3")]);
    public const string ExternalHex = "01 " + SnatHex + " 01 0A 01 01 02 01 0A 01 01 03";

    /// <summary>
    /// vpc_subnet 10.0.0.0/24, private 10.0.0.5, gateway 10.0.0.1, no external IPs (00 00 00), one attached subnet
    /// 10.9.0.0/16 external (01, 0A 09 00 00 10, 01), one transit 192.168.0.0/16 in only (01, C0 A8 00 00 10, 01 00).
    /// </summary>
    public static readonly Ipv4Cfg V4Cfg = new(Subnet, Ipv4Addr.Parse("10.0.0.5"), Ipv4Addr.Parse("10.0.0.1"),
        ExternalIpCfg<Ipv4Addr>.None, [new AttachedSubnet<Ipv4Cidr>(Ipv4Cidr.Parse("10.9.0.0/16"), true)],
        [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("192.168.0.0/16"), true, false)]);
    public const string V4CfgHex = SubnetHex + " 0A 00 00 05 0A 00 00 01 00 00 00 01 0A 09 00 00 10 01 01 C0 A8 00 00 10 01 00";

    /// <summary>IpCfg::Ipv4 (00) + V4Cfg; guest MAC; gateway MAC; VNI 100 (00 00 64); phys fd00::1.</summary>
    public static readonly VpcCfg Vpc = new(new IpCfg.Ipv4(V4Cfg), GuestMac, GatewayMac, new Vni(100), Phys);
    public const string VpcHex = "00 " + V4CfgHex + " " + GuestMacHex + " " + GatewayMacHex + " 00 00 64 " + PhysHex;

    /// <summary>Some("vm"), None, ["oxide.test"], [1.1.1.1], [].</summary>
    public static readonly DhcpCfg Dhcp = new("vm", null, ["oxide.test"], [Ipv4Addr.Parse("1.1.1.1")], []);
    public const string DhcpHex = "01 02 76 6D 00 01 0A 6F 78 69 64 65 2E 74 65 73 74 01 01 01 01 01 00";

    /// <summary>
    /// dir=in (00), hosts subnet (02) IpCidr::Ip4 (00) 10.0.0.0/24, protocol tcp (02), ports list (01) of two: 22 (16),
    /// 443 = 0x1BB (BB 03); action allow (00); priority 65535 (FF FF 03).
    /// </summary>
    public static readonly FirewallRule Rule = new(Direction.In,
        new Filters(new FirewallAddress.Subnet(Subnet), new ProtocolFilter.Tcp(), new Ports.PortList([22, 443])),
        FirewallAction.Allow, 65535);
    public const string RuleHex = "00 02 00 " + SubnetHex + " 02 01 02 16 BB 03 00 FF FF 03";
}

using System.Net;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// The VPC the control-plane system tests build with opteadm alone: guests A (port opte0) and B (opte1) on two sleds
/// in VNI 1234, subnet 172.30.0.0/22; A may reach the internet through SNAT and boundary services (a default V2B
/// entry with two tunnel endpoints, and a more specific one for 8.8.8.0/24 with its own VNI).
/// </summary>
public static class TwoGuestVpc
{
    /// <summary>Guest A's port (the sender).</summary>
    public const string PortA = "opte0";
    /// <summary>Guest B's port (the receiver, on another sled).</summary>
    public const string PortB = "opte1";
    /// <summary>The VPC's VNI (not a default, so a hard-coded VNI would show).</summary>
    public const uint Vni = 1234;
    /// <summary>The VPC subnet (gateway 172.30.0.1).</summary>
    public const string Subnet = "172.30.0.0/22";
    /// <summary>MACs as opteadm prints them: the guests', the virtual gateway's, and the boundary services' inner destination.</summary>
    public const string MacAText = "a8:40:25:00:00:0a";
    public const string MacBText = "a8:40:25:00:00:0b";
    public const string GatewayMacText = "a8:40:25:ff:77:77";
    public const string BoundaryMacText = "a8:40:25:77:77:77";
    /// <summary>Sled underlay addresses: the outer IPv6 source of A's traffic and the destination of traffic to B.</summary>
    public const string UnderlayA = "fd00:a::1";
    public const string UnderlayB = "fd00:b::1";
    /// <summary>A's SNAT address and port range (set by set-external-ips; highest free port first).</summary>
    public const string SnatIp = "198.51.100.5";
    public const ushort SnatStart = 3000;
    public const ushort SnatEnd = 3009;
    /// <summary>Boundary tunnel endpoints: two for 0.0.0.0/0 (VNI 99, chosen by flow hash), one for 8.8.8.0/24 with its own VNI.</summary>
    public const string DefaultBoundary1 = "fd00:99::1";
    public const string DefaultBoundary2 = "fd00:99::2";
    public const uint DefaultBoundaryVni = 99;
    public const string DnsBoundary = "fd00:98::1";
    public const uint DnsBoundaryVni = 4321;

    /// <summary>The card's underlay MACs (datasheet §5.3 defaults).</summary>
    public const string CardUnderlayMac = "02:4f:50:54:45:00";
    public const string UnderlayNextHopMac = "02:4f:50:54:45:fe";

    /// <summary>Both ports' firewall rules, as set-fw-rules reads them.</summary>
    public const string FirewallRules = """
        # guests of the VPC subnet may reach each other; web from anywhere; anything out
        dir=in action=allow priority=10 hosts=subnet=172.30.0.0/22

        dir=in action=allow priority=20 protocol=tcp port=80,443
        dir=out action=allow priority=65535
        """;

    /// <summary>The same MACs and addresses as bytes and <see cref="IPAddress"/>es, for building and checking frames.</summary>
    public static readonly byte[] MacA = [0xA8, 0x40, 0x25, 0x00, 0x00, 0x0A];
    public static readonly byte[] MacB = [0xA8, 0x40, 0x25, 0x00, 0x00, 0x0B];
    public static readonly byte[] GatewayMac = [0xA8, 0x40, 0x25, 0xFF, 0x77, 0x77];
    public static readonly IPAddress IpA = IPAddress.Parse("172.30.0.10");
    public static readonly IPAddress IpB = IPAddress.Parse("172.30.0.11");
    public static readonly IPAddress Gateway = IPAddress.Parse("172.30.0.1");

    /// <summary>Configures the whole VPC on the card behind <paramref name="opteadm"/>, one opteadm process per step.</summary>
    public static void Configure(OpteAdmSession opteadm)
    {
        opteadm.Change("create-xde", PortA, "--private-mac", MacAText, "--vni", "1234", "--src-underlay-addr", UnderlayA,
            "--private-ipv4", IpA.ToString(), "--vpc-subnet-ipv4", Subnet);
        opteadm.Change("create-xde", PortB, "--private-mac", MacBText, "--vni", "1234", "--src-underlay-addr", UnderlayB,
            "--private-ipv4", IpB.ToString(), "--vpc-subnet-ipv4", Subnet);
        opteadm.Change("set-v2p", IpA.ToString(), MacAText, UnderlayA, "1234");
        opteadm.Change("set-v2p", IpB.ToString(), MacBText, UnderlayB, "1234");
        opteadm.Change("set-v2b", "0.0.0.0/0", DefaultBoundary1, DefaultBoundary2);
        opteadm.Change("set-v2b", "8.8.8.0/24", $"{DnsBoundary},{DnsBoundaryVni}");
        opteadm.Change("add-router-entry", "-p", PortA, Subnet, $"sub4={Subnet}");
        opteadm.Change("add-router-entry", "-p", PortA, "0.0.0.0/0", "ig");
        opteadm.Change("add-router-entry", "-p", PortB, Subnet, $"sub4={Subnet}");
        Assert.Empty(opteadm.OkWithInput(FirewallRules, "set-fw-rules", "-p", PortA));
        Assert.Empty(opteadm.OkWithInput(FirewallRules, "set-fw-rules", "-p", PortB));
        opteadm.Change("set-external-ips", "-p", PortA, "--snat-ipv4", SnatIp, "--snat-start", "3000", "--snat-end", "3009");
    }
}

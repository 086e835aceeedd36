using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc.Config;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Config;

public class VpcConfigValidatorTests
{
    private static VpcCfg WithV4(Func<Ipv4Cfg, Ipv4Cfg> change)
    {
        VpcCfg standard = VpcScenario.StandardConfig();
        var dual = (IpCfg.DualStack)standard.IpCfg;
        return standard with { IpCfg = new IpCfg.DualStack(change(dual.V4), dual.V6) };
    }

    private static VpcCfg WithV6(Func<Ipv6Cfg, Ipv6Cfg> change)
    {
        VpcCfg standard = VpcScenario.StandardConfig();
        var dual = (IpCfg.DualStack)standard.IpCfg;
        return standard with { IpCfg = new IpCfg.DualStack(dual.V4, change(dual.V6)) };
    }

    public static TheoryData<string, VpcConfigErrorKind, string> Invalid()
    {
        var data = new TheoryData<string, VpcConfigErrorKind, string>();
        void Add(string name, VpcConfigErrorKind kind, string fragment) => data.Add(name, kind, fragment);
        Add("private-outside-subnet", VpcConfigErrorKind.PrivateIpOutsideSubnet, "172.31.0.5 is outside VPC subnet 172.30.0.0/22");
        Add("gateway-equals-private", VpcConfigErrorKind.GatewayIpEqualsPrivateIp, "equals the private IP");
        Add("private-is-network", VpcConfigErrorKind.InvalidPrivateIp, "172.30.0.0 is not a usable host address");
        Add("snat-inverted", VpcConfigErrorKind.SnatPortRangeInverted, "5000–4000 is inverted");
        Add("snat-port-zero", VpcConfigErrorKind.SnatPortRangeEmpty, "includes port 0");
        Add("external-inside-subnet", VpcConfigErrorKind.InvalidExternalIp, "is inside the VPC subnet");
        Add("external-twice", VpcConfigErrorKind.InvalidExternalIp, "is configured twice");
        Add("v6-mapped-private", VpcConfigErrorKind.MixedAddressFamilies, "IPv4-mapped");
        Add("v6-private-outside", VpcConfigErrorKind.PrivateIpOutsideSubnet, "fd00:9::5 is outside VPC subnet");
        Add("guest-mac-multicast", VpcConfigErrorKind.InvalidGuestMac, "group address");
        Add("guest-equals-gateway-mac", VpcConfigErrorKind.InvalidGuestMac, "equals the gateway MAC");
        Add("phys-unspecified", VpcConfigErrorKind.InvalidPhysIp, "unicast IPv6");
        Add("attached-overlaps", VpcConfigErrorKind.InvalidSubnet, "overlaps the VPC subnet");
        Add("transit-overlaps-subnet", VpcConfigErrorKind.InvalidSubnet, "transit CIDR 172.30.0.0/16 overlaps the VPC subnet 172.30.0.0/22");
        Add("transit-overlaps-transit", VpcConfigErrorKind.InvalidSubnet, "transit CIDR 10.1.2.0/24 overlaps transit CIDR 10.1.0.0/16");
        Add("transit-overlaps-attached", VpcConfigErrorKind.InvalidSubnet, "transit CIDR 10.7.0.0/24 overlaps attached subnet 10.7.0.0/16");
        Add("v6-transit-overlaps-subnet", VpcConfigErrorKind.InvalidSubnet, "overlaps the VPC subnet fd00:1122:3344:101::/64");
        Add("v6-transit-overlaps-transit", VpcConfigErrorKind.InvalidSubnet, "overlaps transit CIDR fd00:77::/48");
        Add("v6-attached-overlaps", VpcConfigErrorKind.InvalidSubnet, "attached subnet fd00:1122:3344::/48 overlaps the VPC subnet");
        return data;
    }

    private static VpcCfg Build(string name) => name switch
    {
        "private-outside-subnet" => WithV4(c => c with { PrivateIp = Ipv4Addr.Parse("172.31.0.5") }),
        "gateway-equals-private" => WithV4(c => c with { GatewayIp = c.PrivateIp }),
        "private-is-network" => WithV4(c => c with { PrivateIp = Ipv4Addr.Parse("172.30.0.0") }),
        "snat-inverted" => WithV4(c => c with { ExternalIps = new(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.1"), 5000, 4000), null, []) }),
        "snat-port-zero" => WithV4(c => c with { ExternalIps = new(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.1"), 0, 4000), null, []) }),
        "external-inside-subnet" => WithV4(c => c with { ExternalIps = new(null, Ipv4Addr.Parse("172.30.0.9"), []) }),
        "external-twice" => WithV4(c => c with { ExternalIps = new(null, Ipv4Addr.Parse("203.0.113.1"), [Ipv4Addr.Parse("203.0.113.1")]) }),
        "v6-mapped-private" => WithV6(c => c with { PrivateIp = Ipv6Addr.Parse("::ffff:172.30.0.5") }),
        "v6-private-outside" => WithV6(c => c with { PrivateIp = Ipv6Addr.Parse("fd00:9::5") }),
        "guest-mac-multicast" => VpcScenario.StandardConfig() with { GuestMac = MacAddr.Parse("01:00:5e:00:00:01") },
        "guest-equals-gateway-mac" => VpcScenario.StandardConfig() with { GuestMac = MacAddr.FromBytes(TestFrames.GatewayMac) },
        "phys-unspecified" => VpcScenario.StandardConfig() with { PhysIp = Ipv6Addr.Any },
        "attached-overlaps" => WithV4(c => c with { AttachedSubnets = [new AttachedSubnet<Ipv4Cidr>(Ipv4Cidr.Parse("172.30.1.0/24"), false)] }),
        "transit-overlaps-subnet" => WithV4(c => c with { TransitIps = [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("172.30.0.0/16"), true, true)] }),
        "transit-overlaps-transit" => WithV4(c => c with
        {
            TransitIps = [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.1.0.0/16"), true, true), new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.1.2.0/24"), false, true)],
        }),
        "transit-overlaps-attached" => WithV4(c => c with
        {
            AttachedSubnets = [new AttachedSubnet<Ipv4Cidr>(Ipv4Cidr.Parse("10.7.0.0/16"), false)],
            TransitIps = [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.7.0.0/24"), true, true)],
        }),
        "v6-transit-overlaps-subnet" => WithV6(c => c with { TransitIps = [new TransitIp<Ipv6Cidr>(Ipv6Cidr.Parse("fd00:1122:3344:101::80/124"), true, true)] }),
        "v6-transit-overlaps-transit" => WithV6(c => c with
        {
            TransitIps = [new TransitIp<Ipv6Cidr>(Ipv6Cidr.Parse("fd00:77::/48"), true, true), new TransitIp<Ipv6Cidr>(Ipv6Cidr.Parse("fd00:77:0:1::/64"), true, false)],
        }),
        "v6-attached-overlaps" => WithV6(c => c with { AttachedSubnets = [new AttachedSubnet<Ipv6Cidr>(Ipv6Cidr.Parse("fd00:1122:3344::/48"), false)] }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_configuration_is_rejected_precisely_and_creates_no_port(string name, VpcConfigErrorKind kind, string fragment)
    {
        VpcCfg config = Build(name);
        VpcConfigError? error = VpcConfigValidator.Validate(config, VpcScenario.StandardDhcp);
        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);

        Assert.False(VpcPort.TryCreate("xde9", config, VpcScenario.StandardDhcp, new VpcNetwork(16), null, out VpcPort? port, out VpcConfigError? createError));
        Assert.Null(port);
        Assert.Equal(error, createError);
    }

    [Fact]
    public void Disjoint_transit_cidrs_and_attached_subnets_are_accepted()
    {
        VpcCfg config = WithV4(c => c with
        {
            AttachedSubnets = [new AttachedSubnet<Ipv4Cidr>(Ipv4Cidr.Parse("10.7.0.0/16"), false)],
            TransitIps = [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.8.0.0/16"), true, true), new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.9.0.0/24"), false, true)],
        });
        Assert.Null(VpcConfigValidator.Validate(config, VpcScenario.StandardDhcp));
    }

    [Theory]
    [InlineData(1279, true)]
    [InlineData(1280, false)]
    [InlineData(9216, false)]
    [InlineData(9217, true)]
    public void Mtu_bounds_for_a_dual_stack_port(int mtu, bool invalid)
    {
        VpcConfigError? error = VpcConfigValidator.Validate(VpcScenario.StandardConfig(), VpcScenario.StandardDhcp, mtu);
        Assert.Equal(invalid, error is not null);
        if (invalid)
        {
            Assert.Equal(VpcConfigErrorKind.InvalidMtu, error!.Kind);
        }
    }

    [Fact]
    public void Malformed_dhcp_hostname_is_rejected()
    {
        var dhcp = VpcScenario.StandardDhcp with { Hostname = "bad host" };
        VpcConfigError? error = VpcConfigValidator.Validate(VpcScenario.StandardConfig(), dhcp);
        Assert.Equal(VpcConfigErrorKind.InvalidDhcp, error?.Kind);
        Assert.Contains("' '", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_configurations_are_valid_for_each_family()
    {
        VpcCfg dual = VpcScenario.StandardConfig();
        var parts = (IpCfg.DualStack)dual.IpCfg;
        Assert.Null(VpcConfigValidator.Validate(dual, VpcScenario.StandardDhcp));
        Assert.Null(VpcConfigValidator.Validate(dual with { IpCfg = new IpCfg.Ipv4(parts.V4) }, VpcScenario.StandardDhcp, 576));
        Assert.Null(VpcConfigValidator.Validate(dual with { IpCfg = new IpCfg.Ipv6(parts.V6) }, VpcScenario.StandardDhcp));
    }
}

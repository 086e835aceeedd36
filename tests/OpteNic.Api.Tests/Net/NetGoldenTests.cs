using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Net;

/// <summary>Golden vectors and text round trips for the network value types.</summary>
public class NetGoldenTests
{
    [Fact]
    public void Addresses_are_fixed_arrays_without_prefix()
    {
        Golden.Check(Samples.GatewayMac, Samples.GatewayMacHex);
        Golden.Check(Ipv4Addr.Parse("10.0.0.1"), "0A 00 00 01");
        Golden.Check(Samples.Phys, Samples.PhysHex);
    }

    [Fact]
    public void Vni_is_three_bytes_big_endian()
    {
        Golden.Check(new Vni(7), "00 00 07");
        Golden.Check(new Vni(0x123456), "12 34 56");
        Golden.Check(new Vni(Vni.MaxValue), "FF FF FF");
        Assert.Throws<ArgumentOutOfRangeException>(() => new Vni(Vni.MaxValue + 1));
        Assert.False(Vni.TryCreate(1 << 24, out _));
        Assert.False(Vni.TryParse("16777216", out _));
        Assert.True(Vni.TryParse("16777215", out Vni max));
        Assert.Equal(Vni.MaxValue, max.Value);
    }

    [Fact]
    public void IpAddr_and_IpCidr_are_enums_ip4_0_ip6_1()
    {
        Golden.Check(IpAddr.Parse("10.0.0.1"), "00 0A 00 00 01");
        Golden.Check(IpAddr.Parse("fd00::1"), "01 " + Samples.PhysHex);
        Golden.Check(Samples.Subnet, Samples.SubnetHex);
        Golden.Check((IpCidr)Samples.Subnet, "00 " + Samples.SubnetHex);
        // fd00::/64: FD, fifteen 00, prefix 40 (64).
        Golden.Check(IpCidr.Parse("fd00::/64"), "01 FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 40");
    }

    [Theory]
    [InlineData("00 0A 00 00 00 21", "Ipv4Cidr prefix length above 32")]   // prefix 33
    [InlineData("01 FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 81", "Ipv6Cidr prefix length above 128")]
    public void Cidr_prefix_beyond_family_is_invalid_value(string hex, string context)
    {
        Assert.False(PostcardSerializer.TryDeserialize<IpCidr>(Hex.Parse(hex), out _, out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidValue, error.Kind);
        Assert.Equal(context, error.Context);
        Assert.Equal(Hex.Parse(hex).Length - 1, error.Offset);
    }

    [Fact]
    public void IpAddr_discriminant_2_is_rejected()
    {
        Assert.False(PostcardSerializer.TryDeserialize<IpAddr>(Hex.Parse("02 0A 00 00 01"), out _, out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidDiscriminant, error.Kind);
        Assert.Equal("IpAddr", error.Context);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("fd00::1")]
    [InlineData("::")]
    [InlineData("fe80::aa40:25ff:feff:7777")]
    public void Addresses_format_back_to_their_text(string text) => Assert.Equal(text, IpAddr.Parse(text).ToString());

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.1")]
    [InlineData("0x1.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1234.1.1.1")]
    [InlineData("")]
    public void Strict_ipv4_parsing_rejects_oddities(string text) => Assert.False(Ipv4Addr.TryParse(text, out _));

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("fd00::/64", true)]
    [InlineData("fd00::/129", false)]
    [InlineData("fd00::/-1", false)]
    public void Cidr_parsing(string text, bool valid)
    {
        Assert.Equal(valid, IpCidr.TryParse(text, out IpCidr cidr));
        if (valid)
        {
            Assert.Equal(text, cidr.ToString());
        }
    }

    [Fact]
    public void Cidr_contains_and_network()
    {
        Ipv4Cidr cidr = Ipv4Cidr.Parse("10.0.0.77/24");
        Assert.Equal("10.0.0.0/24", cidr.Network.ToString());
        Assert.True(cidr.Contains(Ipv4Addr.Parse("10.0.0.200")));
        Assert.False(cidr.Contains(Ipv4Addr.Parse("10.0.1.1")));
        Assert.True(Ipv6Cidr.Parse("fd00::/16").Contains(Ipv6Addr.Parse("fd00:1::5")));
        Assert.False(((IpCidr)cidr).Contains(IpAddr.Parse("fd00::1")));
        Assert.True(Ipv4Cidr.Parse("0.0.0.0/0").Contains(Ipv4Addr.Parse("8.8.8.8")));
    }

    [Theory]
    [InlineData("a8:40:25:ff:77:77", true)]
    [InlineData("A8-40-25-FF-77-77", true)]
    [InlineData("a8:40:25:ff:77", false)]
    [InlineData("a8:40:25:ff:77:7g", false)]
    [InlineData("a8:40:25:ff:77:777", false)]
    public void Mac_parsing(string text, bool valid)
    {
        Assert.Equal(valid, MacAddr.TryParse(text, out MacAddr mac));
        if (valid)
        {
            Assert.Equal("a8:40:25:ff:77:77", mac.ToString());
        }
    }
}

using System.Text;
using CsCheck;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Wire;

/// <summary>Property tests: random values survive encode → decode, and the measured size equals the written size.</summary>
public class RoundTripTests
{
    private delegate void WriteAction(ref PostcardWriter writer);

    private static byte[] Encode(WriteAction write)
    {
        var measure = new PostcardWriter(default);
        write(ref measure);
        var buffer = new byte[measure.BytesRequired];
        var writer = new PostcardWriter(buffer);
        write(ref writer);
        Assert.True(writer.Fits);
        Assert.Equal(buffer.Length, writer.BytesRequired);
        return buffer;
    }

    [Fact]
    public void Unsigned_varints_round_trip_and_use_the_minimal_length() =>
        Gen.ULong.Sample(value =>
        {
            byte[] bytes = Encode((ref PostcardWriter w) => w.WriteU64(value));
            int expectedLength = value == 0 ? 1 : (64 - (int)ulong.LeadingZeroCount(value) + 6) / 7;
            Assert.Equal(expectedLength, bytes.Length);
            var reader = new PostcardReader(bytes);
            Assert.True(reader.TryReadU64(out ulong decoded));
            Assert.Equal(value, decoded);
            Assert.True(reader.TryExpectEnd());
        });

    [Fact]
    public void Signed_integers_round_trip() =>
        Gen.Select(Gen.Long, Gen.Int, Gen.Short).Sample((l, i, s) =>
        {
            byte[] bytes = Encode((ref PostcardWriter w) =>
            {
                w.WriteI64(l);
                w.WriteI32(i);
                w.WriteI16(s);
            });
            var reader = new PostcardReader(bytes);
            Assert.True(reader.TryReadI64(out long l2));
            Assert.True(reader.TryReadI32(out int i2));
            Assert.True(reader.TryReadI16(out short s2));
            Assert.Equal((l, i, s), (l2, i2, s2));
            // Zigzag keeps small magnitudes short: |n| < 64 is one byte.
            if (i is > -64 and < 64)
            {
                Assert.Single(Encode((ref PostcardWriter w) => w.WriteI32(i)));
            }
        });

    [Fact]
    public void Floats_round_trip_bit_exactly() =>
        Gen.Double.Sample(value =>
        {
            byte[] bytes = Encode((ref PostcardWriter w) => w.WriteF64(value));
            var reader = new PostcardReader(bytes);
            Assert.True(reader.TryReadF64(out double decoded));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(decoded));
        });

    private static readonly Gen<string> UnicodeText =
        Gen.Int[0, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Array[0, 40]
            .Select(points => string.Concat(points.Select(char.ConvertFromUtf32)));

    [Fact]
    public void Strings_round_trip_with_a_byte_length_prefix() =>
        UnicodeText.Sample(text =>
        {
            byte[] bytes = Encode((ref PostcardWriter w) => w.WriteString(text));
            var reader = new PostcardReader(bytes);
            Assert.True(reader.TryReadUsize(out ulong length));
            Assert.Equal((ulong)Encoding.UTF8.GetByteCount(text), length);
            reader = new PostcardReader(bytes);
            Assert.True(reader.TryReadString(out string decoded));
            Assert.Equal(text, decoded);
        });

    internal static readonly Gen<Ipv4Addr> V4 = Gen.UInt.Select(v => new Ipv4Addr(v));
    internal static readonly Gen<Ipv6Addr> V6 = Gen.Select(Gen.ULong, Gen.ULong, (h, l) => new Ipv6Addr(new UInt128(h, l)));
    internal static readonly Gen<IpAddr> Ip = Gen.OneOf(V4.Select(a => (IpAddr)a), V6.Select(a => (IpAddr)a));
    internal static readonly Gen<IpCidr> Cidr = Gen.OneOf(
        Gen.Select(V4, Gen.Byte[0, 32], (a, p) => (IpCidr)new Ipv4Cidr(a, p)),
        Gen.Select(V6, Gen.Byte[0, 128], (a, p) => (IpCidr)new Ipv6Cidr(a, p)));
    internal static readonly Gen<Vni> VniGen = Gen.UInt[0, Vni.MaxValue].Select(v => new Vni(v));
    internal static readonly Gen<MacAddr> Mac = Gen.ULong[0, 0xFFFF_FFFF_FFFF].Select(v => new MacAddr(v));

    internal static readonly Gen<IcmpFilter?> Icmp = Gen.OneOf(
        Gen.Const((IcmpFilter?)null),
        Gen.Byte.Select(t => (IcmpFilter?)new IcmpFilter(t)),
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, (t, a, b) => (IcmpFilter?)new IcmpFilter(t, Math.Min(a, b), Math.Max(a, b))));

    internal static readonly Gen<FirewallRule> Rule = Gen.Select(
        Gen.Enum<Direction>(),
        Gen.OneOf<FirewallAddress>(Gen.Const<FirewallAddress>(new FirewallAddress.Any()),
            Ip.Select(a => (FirewallAddress)new FirewallAddress.Ip(a)),
            Cidr.Select(c => (FirewallAddress)new FirewallAddress.Subnet(c)),
            VniGen.Select(v => (FirewallAddress)new FirewallAddress.Vni(v))),
        Gen.OneOf<ProtocolFilter>(Gen.Const<ProtocolFilter>(new ProtocolFilter.Any()),
            Gen.Const<ProtocolFilter>(new ProtocolFilter.Arp()), Gen.Const<ProtocolFilter>(new ProtocolFilter.Tcp()),
            Gen.Const<ProtocolFilter>(new ProtocolFilter.Udp()), Icmp.Select(f => (ProtocolFilter)new ProtocolFilter.Icmp(f)),
            Icmp.Select(f => (ProtocolFilter)new ProtocolFilter.Icmp6(f)),
            Gen.Byte.Where(b => b is not (1 or 6 or 17 or 58)).Select(b => (ProtocolFilter)new ProtocolFilter.Other(b))),
        Gen.OneOf<Ports>(Gen.Const<Ports>(new Ports.Any()),
            Gen.UShort[1, ushort.MaxValue].Array[1, 6].Select(p => (Ports)new Ports.PortList(ValueArray.Create<ushort>(p)))),
        Gen.Enum<FirewallAction>(),
        Gen.UShort,
        (dir, hosts, proto, ports, action, priority) =>
            new FirewallRule(dir, new Filters(hosts, proto, ports), action, priority));

    [Fact]
    public void Firewall_rules_round_trip_on_the_wire() =>
        Rule.Sample(rule =>
        {
            byte[] bytes = PostcardSerializer.SerializeToArray(rule);
            Assert.True(PostcardSerializer.TryDeserialize<FirewallRule>(bytes, out FirewallRule? decoded, out PostcardError error),
                error.ToString());
            Assert.Equal(rule, decoded);
        });

    [Fact]
    public void Firewall_rules_round_trip_through_text_when_the_grammar_allows_them() =>
        Rule.Where(r => r.Filters.Ports is Ports.Any ||
                        r.Filters.Protocol is not (ProtocolFilter.Arp or ProtocolFilter.Icmp or ProtocolFilter.Icmp6))
            .Sample(rule =>
            {
                string text = FirewallRuleText.Format(rule);
                Assert.True(FirewallRuleText.TryParse(text, out FirewallRule? parsed, out FirewallRuleParseError? error),
                    $"{text}: {error}");
                Assert.Equal(rule, parsed);
            });

    private static readonly Gen<Ipv4Cfg> V4Cfg = Gen.Select(
        Cidr.Where(c => c.IsIpv4).Select(c => c.Ipv4), V4, V4,
        Gen.Select(V4, Gen.UShort, Gen.UShort, (ip, a, b) => new SNatCfg<Ipv4Addr>(ip, a, b)).Array[0, 1],
        V4.Array[0, 3],
        Gen.Select(Cidr.Where(c => c.IsIpv4), Gen.Bool, (c, e) => new AttachedSubnet<Ipv4Cidr>(c.Ipv4, e)).Array[0, 2],
        Gen.Select(Cidr.Where(c => c.IsIpv4), Gen.Bool, Gen.Bool, (c, i, o) => new TransitIp<Ipv4Cidr>(c.Ipv4, i, o)).Array[0, 2],
        (subnet, priv, gw, snat, floating, attached, transit) => new Ipv4Cfg(subnet, priv, gw,
            new ExternalIpCfg<Ipv4Addr>(snat.FirstOrDefault(), floating.Length > 1 ? floating[0] : null,
                ValueArray.Create<Ipv4Addr>(floating)),
            ValueArray.Create<AttachedSubnet<Ipv4Cidr>>(attached), ValueArray.Create<TransitIp<Ipv4Cidr>>(transit)));

    [Fact]
    public void Port_configurations_round_trip() =>
        Gen.Select(V4Cfg, Mac, Mac, VniGen, V6, UnicodeText, UnicodeText.Array[0, 3], V4.Array[0, 2])
            .Sample(t =>
            {
                var (v4, guest, gateway, vni, phys, hostname, search, dns) = t;
                var request = new Api.Commands.CreateXdeReq("opte" + hostname.Length, 7,
                    new VpcCfg(new IpCfg.Ipv4(v4), guest, gateway, vni, phys),
                    new DhcpCfg(hostname, null, ValueArray.Create<string>(search), ValueArray.Create<Ipv4Addr>(dns), []),
                    false, 9000);
                byte[] bytes = PostcardSerializer.SerializeToArray(request);
                Assert.Equal(bytes.Length, PostcardSerializer.Measure(request));
                Assert.True(PostcardSerializer.TryDeserialize<Api.Commands.CreateXdeReq>(bytes, out var decoded, out PostcardError error),
                    error.ToString());
                Assert.Equal(request, decoded);
            });
}

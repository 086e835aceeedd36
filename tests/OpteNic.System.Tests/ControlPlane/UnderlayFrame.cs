using System.Buffers.Binary;
using System.Net;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// One frame the card put on the underlay wire, decoded by the test itself (not by the product's parsers): outer
/// Ethernet, IPv6, UDP to port 6081, Geneve with its options, and the inner Ethernet frame. Anything that is not such a
/// frame fails the test with the offset and what was found.
/// </summary>
public sealed class UnderlayFrame
{
    /// <summary>The Geneve UDP port (RFC 8926).</summary>
    public const ushort GenevePort = 6081;

    /// <summary>Oxide's Geneve option class.</summary>
    public const ushort OxideOptionClass = 0x0129;

    private UnderlayFrame(byte[] frame)
    {
        Bytes = frame;
    }

    /// <summary>The whole frame.</summary>
    public byte[] Bytes { get; }

    /// <summary>Outer destination MAC as aa:bb:… text.</summary>
    public string OuterDestinationMac { get; private init; } = "";

    /// <summary>Outer source MAC.</summary>
    public string OuterSourceMac { get; private init; } = "";

    /// <summary>Outer IPv6 source (the sending port's underlay address).</summary>
    public IPAddress OuterSource { get; private init; } = IPAddress.IPv6None;

    /// <summary>Outer IPv6 destination (the peer sled, or a boundary tunnel endpoint).</summary>
    public IPAddress OuterDestination { get; private init; } = IPAddress.IPv6None;

    /// <summary>Outer IPv6 hop limit.</summary>
    public byte HopLimit { get; private init; }

    /// <summary>Outer UDP source port (the flow's entropy).</summary>
    public ushort UdpSourcePort { get; private init; }

    /// <summary>Outer UDP checksum (0 over IPv6 for tunnels, RFC 6935).</summary>
    public ushort UdpChecksum { get; private init; }

    /// <summary>Geneve protocol type (0x6558: Ethernet).</summary>
    public ushort GeneveProtocol { get; private init; }

    /// <summary>Geneve VNI.</summary>
    public uint Vni { get; private init; }

    /// <summary>Geneve options as (class, type, body).</summary>
    public IReadOnlyList<(ushort Class, byte Type, byte[] Body)> Options { get; private init; } = [];

    /// <summary>The inner Ethernet frame.</summary>
    public byte[] Inner { get; private init; } = [];

    /// <summary>Inner destination MAC.</summary>
    public string InnerDestinationMac => Mac(Inner.AsSpan(0, 6));

    /// <summary>Inner source MAC.</summary>
    public string InnerSourceMac => Mac(Inner.AsSpan(6, 6));

    /// <summary>Decodes <paramref name="frame"/> or fails the test saying where it is not a Geneve underlay frame.</summary>
    public static UnderlayFrame Parse(byte[] frame)
    {
        void Require(bool condition, int offset, string what)
        {
            if (!condition)
            {
                throw new Xunit.Sdk.XunitException($"not a Geneve underlay frame at byte {offset}: {what}\n{Convert.ToHexString(frame)}");
            }
        }

        Require(frame.Length >= 14 + 40 + 8 + 8 + 14, frame.Length, "too short");
        Require(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) == GuestFrames.EtherTypeIpv6, 12, "outer EtherType is not IPv6");
        var ip = frame.AsSpan(14);
        Require(ip[0] >> 4 == 6, 14, "IP version is not 6");
        Require(ip[6] == 17, 20, $"next header {ip[6]} is not UDP");
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        Require(payloadLength == frame.Length - 54, 18, $"IPv6 payload length {payloadLength} but {frame.Length - 54} bytes follow");
        var udp = ip[40..];
        Require(BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) == GenevePort, 56, "UDP destination port is not 6081");
        Require(BinaryPrimitives.ReadUInt16BigEndian(udp[4..]) == payloadLength, 58, "UDP length differs from the IPv6 payload length");
        var geneve = udp[8..];
        Require(geneve[0] >> 6 == 0, 62, "Geneve version is not 0");
        var optionBytes = (geneve[0] & 0x3F) * 4;
        var options = new List<(ushort, byte, byte[])>();
        for (var at = 8; at < 8 + optionBytes;)
        {
            var length = (geneve[at + 3] & 0x1F) * 4;
            Require(at + 4 + length <= 8 + optionBytes, 62 + at, "Geneve option overruns the option area");
            options.Add((BinaryPrimitives.ReadUInt16BigEndian(geneve[at..]), geneve[at + 2], geneve.Slice(at + 4, length).ToArray()));
            at += 4 + length;
        }

        return new UnderlayFrame(frame)
        {
            OuterDestinationMac = Mac(frame.AsSpan(0, 6)),
            OuterSourceMac = Mac(frame.AsSpan(6, 6)),
            HopLimit = ip[7],
            OuterSource = new IPAddress(ip.Slice(8, 16)),
            OuterDestination = new IPAddress(ip.Slice(24, 16)),
            UdpSourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp),
            UdpChecksum = BinaryPrimitives.ReadUInt16BigEndian(udp[6..]),
            GeneveProtocol = BinaryPrimitives.ReadUInt16BigEndian(geneve[2..]),
            Vni = BinaryPrimitives.ReadUInt32BigEndian(geneve[4..]) >> 8,
            Options = options,
            Inner = geneve[(8 + optionBytes)..].ToArray(),
        };
    }

    /// <summary>MAC bytes as lower-case colon-separated text (the form opteadm prints).</summary>
    public static string Mac(ReadOnlySpan<byte> bytes) => string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", global::System.Globalization.CultureInfo.InvariantCulture)));
}

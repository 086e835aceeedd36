using System.Buffers.Binary;

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// The few header fields a hairpin needs, read from an untagged Ethernet frame with bounds checks. The engine's full
/// parser has already validated the frame on the real path; this reader keeps the responders usable (and testable)
/// on raw frames, and never throws: anything short or inconsistent yields false.
/// </summary>
internal readonly ref struct GuestFrame
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeIpv6 = 0x86DD;
    public const int EthernetLength = 14;

    public ReadOnlySpan<byte> DestinationMac { get; init; }
    public ReadOnlySpan<byte> SourceMac { get; init; }
    public ushort EtherType { get; init; }
    /// <summary>Bytes after the Ethernet header (for IP: bounded by the IP length field, without trailing padding).</summary>
    public ReadOnlySpan<byte> Network { get; init; }
    public ReadOnlySpan<byte> SourceIp { get; init; }
    public ReadOnlySpan<byte> DestinationIp { get; init; }
    /// <summary>IPv4 protocol or IPv6 next header (no extension headers are walked: gateway traffic never carries them).</summary>
    public byte Protocol { get; init; }
    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte HopLimit { get; init; }
    /// <summary>The upper-layer message (ICMP, UDP...).</summary>
    public ReadOnlySpan<byte> Transport { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> frame, out GuestFrame parsed)
    {
        parsed = default;
        if (frame.Length < EthernetLength)
        {
            return false;
        }

        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(12, 2));
        ReadOnlySpan<byte> network = frame[EthernetLength..];
        ReadOnlySpan<byte> dstMac = frame[..6];
        ReadOnlySpan<byte> srcMac = frame.Slice(6, 6);

        if (etherType == EtherTypeIpv4)
        {
            if (network.Length < 20 || (network[0] >> 4) != 4)
            {
                return false;
            }

            int headerLength = (network[0] & 0xF) * 4;
            int totalLength = BinaryPrimitives.ReadUInt16BigEndian(network.Slice(2, 2));
            if (headerLength < 20 || totalLength < headerLength || totalLength > network.Length)
            {
                return false;
            }

            // A fragment is never an answerable request (offset or more-fragments set).
            if ((BinaryPrimitives.ReadUInt16BigEndian(network.Slice(6, 2)) & 0x3FFF) != 0)
            {
                return false;
            }

            network = network[..totalLength];
            parsed = new GuestFrame
            {
                DestinationMac = dstMac,
                SourceMac = srcMac,
                EtherType = etherType,
                Network = network,
                SourceIp = network.Slice(12, 4),
                DestinationIp = network.Slice(16, 4),
                Protocol = network[9],
                HopLimit = network[8],
                Transport = network[headerLength..],
            };
            return true;
        }

        if (etherType == EtherTypeIpv6)
        {
            if (network.Length < 40 || (network[0] >> 4) != 6)
            {
                return false;
            }

            int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(network.Slice(4, 2));
            if (payloadLength > network.Length - 40)
            {
                return false;
            }

            network = network[..(40 + payloadLength)];
            parsed = new GuestFrame
            {
                DestinationMac = dstMac,
                SourceMac = srcMac,
                EtherType = etherType,
                Network = network,
                SourceIp = network.Slice(8, 16),
                DestinationIp = network.Slice(24, 16),
                Protocol = network[6],
                HopLimit = network[7],
                Transport = network[40..],
            };
            return true;
        }

        parsed = new GuestFrame { DestinationMac = dstMac, SourceMac = srcMac, EtherType = etherType, Network = network };
        return true;
    }
}

using System.Buffers.Binary;
using OpteNic.Packets.Checksums;

namespace OpteNic.Packets.Headers;

/// <summary>An IPv4 header without options (20 bytes) as a value; <see cref="WriteTo"/> fills the header checksum.</summary>
public readonly struct Ipv4Header
{
    /// <summary>Header length without options.</summary>
    public const int Length = 20;

    /// <summary>The "don't fragment" bit within <see cref="Flags"/> (bit 1 of the 3-bit flags field).</summary>
    public const byte DontFragment = 0x2;

    /// <summary>The "more fragments" bit within <see cref="Flags"/>.</summary>
    public const byte MoreFragments = 0x1;

    public Ipv4Header(IpAddr src, IpAddr dst, IpProtocol protocol, ushort totalLength)
    {
        Src = src;
        Dst = dst;
        Protocol = protocol;
        TotalLength = totalLength;
        Ttl = 64;
    }

    /// <summary>DSCP and ECN byte.</summary>
    public byte TypeOfService { get; init; }

    /// <summary>Header plus payload bytes.</summary>
    public ushort TotalLength { get; init; }

    public ushort Identification { get; init; }

    /// <summary>The 3-bit flags field (<see cref="DontFragment"/>, <see cref="MoreFragments"/>).</summary>
    public byte Flags { get; init; }

    /// <summary>Fragment offset in 8-byte units.</summary>
    public ushort FragmentOffset { get; init; }

    public byte Ttl { get; init; }

    public IpProtocol Protocol { get; init; }

    /// <summary>Header checksum as read (written values are always computed).</summary>
    public ushort Checksum { get; init; }

    public IpAddr Src { get; init; }

    public IpAddr Dst { get; init; }

    /// <summary>Writes 20 bytes with a correct header checksum; returns 20.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, Length);
        header[0] = 0x45;
        header[1] = TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), Identification);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(6), (ushort)(((Flags & 0x7) << 13) | (FragmentOffset & 0x1FFF)));
        header[8] = Ttl;
        header[9] = (byte)Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(10), 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(12), Src.Ipv4);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(16), Dst.Ipv4);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(10), InternetChecksum.Compute(header));
        return Length;
    }

    /// <summary>Reads the fixed part of an IPv4 header (options are not returned); false if too short or not version 4.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out Ipv4Header header)
    {
        header = default;
        if (source.Length < Length || (source[0] >> 4) != 4)
        {
            return false;
        }

        ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(6));
        header = new Ipv4Header(IpAddr.ReadIpv4(source.Slice(12)), IpAddr.ReadIpv4(source.Slice(16)), (IpProtocol)source[9],
            BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2)))
        {
            TypeOfService = source[1],
            Identification = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(4)),
            Flags = (byte)(fragment >> 13),
            FragmentOffset = (ushort)(fragment & 0x1FFF),
            Ttl = source[8],
            Checksum = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(10)),
        };
        return true;
    }
}

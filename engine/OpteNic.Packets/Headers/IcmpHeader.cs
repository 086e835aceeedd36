using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>
/// The 8-byte ICMP or ICMPv6 header (same layout): type, code, checksum and the 4-byte rest-of-header, which for echo
/// messages is identifier and sequence number.
/// </summary>
public readonly struct IcmpHeader
{
    public const int Length = 8;

    /// <summary>ICMPv4 echo reply type.</summary>
    public const byte EchoReply = 0;
    /// <summary>ICMPv4 echo request type.</summary>
    public const byte EchoRequest = 8;
    /// <summary>ICMPv6 echo request type.</summary>
    public const byte Echo6Request = 128;
    /// <summary>ICMPv6 echo reply type.</summary>
    public const byte Echo6Reply = 129;

    public IcmpHeader(byte type, byte code, uint restOfHeader)
    {
        Type = type;
        Code = code;
        RestOfHeader = restOfHeader;
    }

    /// <summary>An echo request/reply header for <paramref name="type"/>.</summary>
    public static IcmpHeader Echo(byte type, ushort identifier, ushort sequence) => new(type, 0, ((uint)identifier << 16) | sequence);

    public byte Type { get; init; }

    public byte Code { get; init; }

    public ushort Checksum { get; init; }

    /// <summary>Bytes 4–7 as a big-endian number.</summary>
    public uint RestOfHeader { get; init; }

    /// <summary>Echo identifier (bytes 4–5).</summary>
    public ushort EchoId => (ushort)(RestOfHeader >> 16);

    /// <summary>Echo sequence number (bytes 6–7).</summary>
    public ushort EchoSequence => (ushort)RestOfHeader;

    /// <summary>Writes 8 bytes with <see cref="Checksum"/> as given; returns 8.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, Length);
        header[0] = Type;
        header[1] = Code;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), Checksum);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), RestOfHeader);
        return Length;
    }

    /// <summary>Reads 8 bytes; false if too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out IcmpHeader header)
    {
        header = default;
        if (source.Length < Length)
        {
            return false;
        }

        header = new IcmpHeader(source[0], source[1], BinaryPrimitives.ReadUInt32BigEndian(source.Slice(4)))
        {
            Checksum = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2)),
        };
        return true;
    }
}

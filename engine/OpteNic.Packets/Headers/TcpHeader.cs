using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>
/// A TCP header (20 bytes; options are left in place, not modelled) as a value, plus in-place field writers for the
/// read-modify cases (flags, ports) the engine and hairpins need.
/// </summary>
public readonly struct TcpHeader
{
    /// <summary>Header length without options.</summary>
    public const int BaseLength = 20;

    public TcpHeader(ushort srcPort, ushort dstPort, uint seq, uint ack, TcpFlags flags, ushort window)
    {
        SrcPort = srcPort;
        DstPort = dstPort;
        Seq = seq;
        Ack = ack;
        Flags = flags;
        Window = window;
        HeaderLength = BaseLength;
    }

    public ushort SrcPort { get; init; }

    public ushort DstPort { get; init; }

    public uint Seq { get; init; }

    public uint Ack { get; init; }

    /// <summary>Header length in bytes (data offset × 4); 20 when written.</summary>
    public int HeaderLength { get; init; }

    public TcpFlags Flags { get; init; }

    public ushort Window { get; init; }

    public ushort Checksum { get; init; }

    public ushort UrgentPointer { get; init; }

    /// <summary>Writes 20 bytes (data offset 5) with <see cref="Checksum"/> as given; returns 20.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, BaseLength);
        BinaryPrimitives.WriteUInt16BigEndian(header, SrcPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), DstPort);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), Seq);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(8), Ack);
        header[12] = 5 << 4;
        header[13] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(14), Window);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(16), Checksum);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(18), UrgentPointer);
        return BaseLength;
    }

    /// <summary>Reads the fixed part; false if too short or the data offset is below 5.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out TcpHeader header)
    {
        header = default;
        if (source.Length < BaseLength || (source[12] >> 4) < 5)
        {
            return false;
        }

        header = new TcpHeader(BinaryPrimitives.ReadUInt16BigEndian(source), BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2)),
            BinaryPrimitives.ReadUInt32BigEndian(source.Slice(4)), BinaryPrimitives.ReadUInt32BigEndian(source.Slice(8)),
            (TcpFlags)source[13], BinaryPrimitives.ReadUInt16BigEndian(source.Slice(14)))
        {
            HeaderLength = (source[12] >> 4) * 4,
            Checksum = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(16)),
            UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(18)),
        };
        return true;
    }
}

using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>
/// A Geneve header (RFC 8926) carrying an inner Ethernet frame, with the Oxide options of <see cref="GeneveOptions"/>.
/// Options are written without the critical bit, in type order (External, Multicast, MSS).
/// </summary>
public readonly struct GeneveHeader
{
    /// <summary>Fixed header length without options.</summary>
    public const int BaseLength = 8;

    public GeneveHeader(uint vni, GeneveOptions options)
    {
        Vni = vni;
        Options = options;
    }

    /// <summary>24-bit virtual network identifier.</summary>
    public uint Vni { get; init; }

    public GeneveOptions Options { get; init; }

    /// <summary>Wire length including options.</summary>
    public int Length => BaseLength + Options.WireLength;

    /// <summary>Writes the header and options; returns the length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int optionsLength = Options.WireLength;
        Span<byte> header = destination.Slice(0, BaseLength + optionsLength);
        header[0] = (byte)(optionsLength / 4);
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), (ushort)EtherType.TransparentEthernetBridging);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), (Vni & 0xFF_FFFF) << 8);
        int position = BaseLength;
        if (Options.External)
        {
            WriteOptionHeader(header.Slice(position), GeneveOptions.ExternalType, 0);
            position += 4;
        }

        if (Options.HasMulticast)
        {
            WriteOptionHeader(header.Slice(position), GeneveOptions.MulticastType, 4);
            BinaryPrimitives.WriteUInt32BigEndian(header.Slice(position + 4), (uint)Options.Replication << 30);
            position += 8;
        }

        if (Options.HasMss)
        {
            WriteOptionHeader(header.Slice(position), GeneveOptions.MssType, 4);
            BinaryPrimitives.WriteUInt32BigEndian(header.Slice(position + 4), Options.Mss);
            position += 8;
        }

        return position;
    }

    private static void WriteOptionHeader(Span<byte> option, byte type, int bodyLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(option, GeneveOptions.OxideClass);
        option[2] = type;
        option[3] = (byte)(bodyLength / 4);
    }
}

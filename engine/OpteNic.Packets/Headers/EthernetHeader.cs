using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>An Ethernet II header, optionally with one 802.1Q tag, as a value to read or write.</summary>
public readonly struct EthernetHeader
{
    /// <summary>Untagged header length.</summary>
    public const int BaseLength = 14;

    public EthernetHeader(MacAddress dst, MacAddress src, ushort etherType)
    {
        Dst = dst;
        Src = src;
        EtherType = etherType;
    }

    public MacAddress Dst { get; init; }

    public MacAddress Src { get; init; }

    /// <summary>Ethernet type of the payload (after the tag, if any).</summary>
    public ushort EtherType { get; init; }

    /// <summary>True to write an 802.1Q tag carrying <see cref="VlanTci"/>.</summary>
    public bool HasVlan { get; init; }

    /// <summary>Tag control information: priority (3 bits), DEI (1), VLAN id (12).</summary>
    public ushort VlanTci { get; init; }

    /// <summary>Wire length: 14, or 18 with a tag.</summary>
    public int Length => HasVlan ? BaseLength + 4 : BaseLength;

    /// <summary>Writes the header; returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, Length);
        Dst.WriteTo(header);
        Src.WriteTo(header.Slice(6));
        if (HasVlan)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(12), (ushort)Packets.EtherType.Vlan);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(14), VlanTci);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(16), EtherType);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(12), EtherType);
        }

        return header.Length;
    }

    /// <summary>Reads an untagged or single-tagged header; false if too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out EthernetHeader header)
    {
        header = default;
        if (source.Length < BaseLength)
        {
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(12));
        if (type == (ushort)Packets.EtherType.Vlan)
        {
            if (source.Length < BaseLength + 4)
            {
                return false;
            }

            header = new EthernetHeader(MacAddress.Read(source), MacAddress.Read(source.Slice(6)), BinaryPrimitives.ReadUInt16BigEndian(source.Slice(16)))
            {
                HasVlan = true,
                VlanTci = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(14)),
            };
            return true;
        }

        header = new EthernetHeader(MacAddress.Read(source), MacAddress.Read(source.Slice(6)), type);
        return true;
    }
}

using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>An Ethernet/IPv4 ARP packet (28 bytes, RFC 826) as a value.</summary>
public readonly struct ArpPacket
{
    public const int Length = 28;

    public ArpPacket(ArpOperation operation, MacAddress senderMac, IpAddr senderIp, MacAddress targetMac, IpAddr targetIp)
    {
        Operation = operation;
        SenderMac = senderMac;
        SenderIp = senderIp;
        TargetMac = targetMac;
        TargetIp = targetIp;
    }

    public ArpOperation Operation { get; init; }

    public MacAddress SenderMac { get; init; }

    /// <summary>Sender IPv4 address.</summary>
    public IpAddr SenderIp { get; init; }

    public MacAddress TargetMac { get; init; }

    /// <summary>Target IPv4 address.</summary>
    public IpAddr TargetIp { get; init; }

    /// <summary>Writes 28 bytes; returns 28.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> arp = destination.Slice(0, Length);
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.Slice(2), (ushort)EtherType.Ipv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.Slice(6), (ushort)Operation);
        SenderMac.WriteTo(arp.Slice(8));
        BinaryPrimitives.WriteUInt32BigEndian(arp.Slice(14), SenderIp.Ipv4);
        TargetMac.WriteTo(arp.Slice(18));
        BinaryPrimitives.WriteUInt32BigEndian(arp.Slice(24), TargetIp.Ipv4);
        return Length;
    }
}

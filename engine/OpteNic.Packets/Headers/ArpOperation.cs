namespace OpteNic.Packets.Headers;

/// <summary>ARP opcode (RFC 826).</summary>
public enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}

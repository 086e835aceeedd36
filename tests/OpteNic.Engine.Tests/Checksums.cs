using OpteNic.Packets.Parsing;
using PacketDotNet;

namespace OpteNic.Engine.Tests;

/// <summary>Checks inner checksums with an independent decoder (PacketDotNet).</summary>
public static class Checksums
{
    public static bool InnerIsValid(ReadOnlySpan<byte> frame, in ParsedPacket parsed)
    {
        byte[] inner = frame.Slice(parsed.EtherOffset, parsed.Length - parsed.EtherOffset).ToArray();
        var ethernet = new EthernetPacket(new PacketDotNet.Utils.ByteArraySegment(inner));
        switch (ethernet.PayloadPacket)
        {
            case IPv4Packet ip4:
                if (!ip4.ValidIPChecksum)
                {
                    return false;
                }

                return ip4.PayloadPacket switch
                {
                    TcpPacket tcp => tcp.ValidTcpChecksum,
                    UdpPacket udp => udp.Checksum == 0 || udp.ValidUdpChecksum,
                    _ => true,
                };
            case IPv6Packet ip6:
                return ip6.PayloadPacket switch
                {
                    TcpPacket tcp => tcp.ValidTcpChecksum,
                    UdpPacket udp => udp.ValidUdpChecksum,
                    _ => true,
                };
            default:
                return true;
        }
    }
}

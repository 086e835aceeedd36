using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>A gateway-like hairpin: answers an ARP request for <paramref name="ip"/> with <paramref name="mac"/>.</summary>
public sealed class ArpReplyAction(MacAddress mac, IpAddr ip) : HairpinAction
{
    public override bool TryBuildReply(ReadOnlySpan<byte> request, in ParsedPacket packet, ref PacketMetadata metadata, PacketBuffer reply)
    {
        if (!packet.IsArp || packet.ArpOperation != ArpOperation.Request || packet.ArpTargetIp != ip)
        {
            return false;
        }

        MacAddress askerMac = packet.ArpSenderMac;
        IpAddr askerIp = packet.ArpSenderIp;
        reply.Reset();
        var builder = new FrameBuilder(reply.WritableFromStart);
        builder.Ethernet(new EthernetHeader(askerMac, mac, (ushort)EtherType.Arp));
        builder.Arp(new ArpPacket(ArpOperation.Reply, mac, ip, askerMac, askerIp));
        return builder.TryFinish(out int length) && reply.TrySetLength(length);
    }
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// In-place rewrites of the inner Ethernet, IP and upper-layer fields with incremental checksum updates; shared by
/// replay (<see cref="HeaderTransformer"/>) and compiled entries (<see cref="CompiledTransform"/>) so both give the
/// same bytes. Callers validate first (<see cref="Validate"/>); rewriting then cannot fail.
/// </summary>
internal static class InnerRewriter
{
    /// <summary>Checks that the inner slots can be applied to <paramref name="packet"/> without touching it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TransformError Validate(in ParsedPacket packet, in EtherTransform ether, in IpTransform ip)
    {
        if (ether.Action is HeaderAction.Push or HeaderAction.Pop || ip.Action is HeaderAction.Push or HeaderAction.Pop)
        {
            return TransformError.Unsupported;
        }

        if (ip.Action == HeaderAction.Modify)
        {
            if (packet.IpVersion == 0)
            {
                return TransformError.MissingHeader;
            }

            bool packetIsIpv4 = packet.IpVersion == 4;
            if (((ip.Set & IpFields.Src) != 0 && ip.Src.IsIpv4 != packetIsIpv4) ||
                ((ip.Set & IpFields.Dst) != 0 && ip.Dst.IsIpv4 != packetIsIpv4))
            {
                return TransformError.FamilyMismatch;
            }
        }

        return TransformError.None;
    }

    /// <summary>Applies the inner rewrites. <paramref name="packet"/> must have passed <see cref="Validate"/>.</summary>
    public static void Rewrite(Span<byte> frame, ref ParsedPacket packet, in EtherTransform ether, in IpTransform ip, in UlpTransform ulp,
        ChecksumOffload offload)
    {
        if (ether.Action == HeaderAction.Modify)
        {
            if ((ether.Set & EtherFields.Dst) != 0)
            {
                ether.Dst.WriteTo(frame.Slice(packet.EtherOffset));
                packet.EtherDst = ether.Dst;
            }

            if ((ether.Set & EtherFields.Src) != 0)
            {
                ether.Src.WriteTo(frame.Slice(packet.EtherOffset + 6));
                packet.EtherSrc = ether.Src;
            }
        }

        // Pseudo-header changes (TCP, UDP, ICMPv6 only) and changes inside the L4 header are kept apart because ICMPv4
        // has no pseudo-header.
        uint pseudoDelta = 0;
        uint headerDelta = 0;
        IpProtocol layoutProtocol = packet.Protocol;
        if (ip.Action == HeaderAction.Modify)
        {
            bool ipChanged = false;
            if ((ip.Set & IpFields.Src) != 0 && packet.SrcIp != ip.Src)
            {
                pseudoDelta += InternetChecksum.AddressDelta(packet.SrcIp, ip.Src);
                WriteAddress(frame, packet.IpOffset + (packet.IpVersion == 4 ? 12 : 8), ip.Src);
                packet.SrcIp = ip.Src;
                ipChanged = true;
            }

            if ((ip.Set & IpFields.Dst) != 0 && packet.DstIp != ip.Dst)
            {
                pseudoDelta += InternetChecksum.AddressDelta(packet.DstIp, ip.Dst);
                WriteAddress(frame, packet.IpOffset + (packet.IpVersion == 4 ? 16 : 24), ip.Dst);
                packet.DstIp = ip.Dst;
                ipChanged = true;
            }

            if ((ip.Set & IpFields.Protocol) != 0 && packet.Protocol != ip.Protocol)
            {
                pseudoDelta += InternetChecksum.Delta((byte)packet.Protocol, (byte)ip.Protocol);
                frame[packet.ProtocolFieldOffset] = (byte)ip.Protocol;
                packet.Protocol = ip.Protocol;
                ipChanged = true;
            }

            if (ipChanged && packet.IpVersion == 4)
            {
                InternetChecksum.WriteIpv4HeaderChecksum(frame.Slice(packet.IpOffset, packet.IpHeaderLength));
            }
        }

        if (!packet.HasUlp)
        {
            return;
        }

        Span<byte> l4 = frame.Slice(packet.UlpOffset, packet.UlpLength);
        if (ulp.Action == HeaderAction.Modify)
        {
            UlpFields set = ulp.Set;
            if (layoutProtocol is IpProtocol.Tcp or IpProtocol.Udp)
            {
                if ((set & UlpFields.SrcPort) != 0 && packet.SrcPort != ulp.SrcPort)
                {
                    headerDelta += InternetChecksum.Delta(packet.SrcPort, ulp.SrcPort);
                    BinaryPrimitives.WriteUInt16BigEndian(l4, ulp.SrcPort);
                    packet.SrcPort = ulp.SrcPort;
                }

                if ((set & UlpFields.DstPort) != 0 && packet.DstPort != ulp.DstPort)
                {
                    headerDelta += InternetChecksum.Delta(packet.DstPort, ulp.DstPort);
                    BinaryPrimitives.WriteUInt16BigEndian(l4.Slice(2), ulp.DstPort);
                    packet.DstPort = ulp.DstPort;
                }

                if ((set & UlpFields.TcpFlags) != 0 && layoutProtocol == IpProtocol.Tcp && packet.TcpFlags != ulp.TcpFlags)
                {
                    headerDelta += InternetChecksum.Delta((byte)packet.TcpFlags, (byte)ulp.TcpFlags);
                    l4[13] = (byte)ulp.TcpFlags;
                    packet.TcpFlags = ulp.TcpFlags;
                }
            }
            else if ((set & UlpFields.IcmpEchoId) != 0 && packet.IsIcmpEcho && packet.IcmpEchoId != ulp.IcmpEchoId)
            {
                headerDelta += InternetChecksum.Delta(packet.IcmpEchoId, ulp.IcmpEchoId);
                BinaryPrimitives.WriteUInt16BigEndian(l4.Slice(4), ulp.IcmpEchoId);
                packet.IcmpEchoId = ulp.IcmpEchoId;
            }
        }

        if ((offload & ChecksumOffload.InnerL4) != 0)
        {
            return;
        }

        switch (layoutProtocol)
        {
            case IpProtocol.Tcp:
                UpdateChecksum(l4.Slice(16), pseudoDelta + headerDelta, udp: false);
                break;
            case IpProtocol.Udp:
                UpdateChecksum(l4.Slice(6), pseudoDelta + headerDelta, udp: true);
                break;
            case IpProtocol.Icmpv6:
                UpdateChecksum(l4.Slice(2), pseudoDelta + headerDelta, udp: false);
                break;
            case IpProtocol.Icmp:
                UpdateChecksum(l4.Slice(2), headerDelta, udp: false);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateChecksum(Span<byte> field, uint delta, bool udp)
    {
        if (delta == 0)
        {
            return;
        }

        ushort old = BinaryPrimitives.ReadUInt16BigEndian(field);
        ushort updated = udp ? InternetChecksum.ApplyDeltaUdp(old, delta) : InternetChecksum.ApplyDelta(old, delta);
        BinaryPrimitives.WriteUInt16BigEndian(field, updated);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteAddress(Span<byte> frame, int offset, IpAddr address) => address.WriteTo(frame.Slice(offset));
}

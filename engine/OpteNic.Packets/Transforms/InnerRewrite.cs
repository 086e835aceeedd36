using System.Runtime.InteropServices;
using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The inner-header part of a transformation (Ethernet, IP and upper-layer Modify fields) flattened into one small
/// value: what <see cref="InnerRewriter"/> applies. A compiled entry keeps one (≈ 64 bytes instead of three
/// transformation structs, one of which carries a memory reference for IPv6 extension headers); replay builds one per
/// call. Set masks are zero for Ignore, so "nothing to do" is a single test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct InnerRewrite
{
    public readonly IpAddr IpSrc;
    public readonly IpAddr IpDst;
    public readonly MacAddress EtherSrc;
    public readonly MacAddress EtherDst;
    public readonly ushort SrcPort;
    public readonly ushort DstPort;
    public readonly ushort IcmpEchoId;
    public readonly EtherFields EtherSet;
    public readonly IpFields IpSet;
    public readonly UlpFields UlpSet;
    public readonly TcpFlags TcpFlags;
    public readonly IpProtocol Protocol;

    /// <summary>True when the IP slot is a Modify (even of no field): the packet must then have an inner IP header.</summary>
    public readonly bool IpModify;

    /// <summary>Inner Push or Pop (not supported: <see cref="TransformError.Unsupported"/>).</summary>
    public readonly bool Structural;

    /// <summary>
    /// The IP version the packet must have for the addresses set (0: any; 4 or 6; <see cref="Contradictory"/> when
    /// source and destination are of different families), decided once here rather than per packet.
    /// </summary>
    public readonly byte RequiredIpVersion;

    /// <summary><see cref="RequiredIpVersion"/> when no packet can match (an IPv4 and an IPv6 address).</summary>
    public const byte Contradictory = 0xFF;

    public InnerRewrite(in EtherTransform ether, in IpTransform ip, in UlpTransform ulp)
    {
        Structural = ether.Action is HeaderAction.Push or HeaderAction.Pop || ip.Action is HeaderAction.Push or HeaderAction.Pop;
        if (ether.Action == HeaderAction.Modify)
        {
            EtherSet = ether.Set;
            EtherSrc = ether.Src;
            EtherDst = ether.Dst;
        }

        if (ip.Action == HeaderAction.Modify)
        {
            IpModify = true;
            IpSet = ip.Set;
            IpSrc = ip.Src;
            IpDst = ip.Dst;
            Protocol = ip.Protocol;
            byte srcVersion = (ip.Set & IpFields.Src) != 0 ? (ip.Src.IsIpv4 ? (byte)4 : (byte)6) : (byte)0;
            byte dstVersion = (ip.Set & IpFields.Dst) != 0 ? (ip.Dst.IsIpv4 ? (byte)4 : (byte)6) : (byte)0;
            RequiredIpVersion = srcVersion == 0 ? dstVersion : dstVersion == 0 || dstVersion == srcVersion ? srcVersion : Contradictory;
        }

        if (ulp.Action == HeaderAction.Modify)
        {
            UlpSet = ulp.Set;
            SrcPort = ulp.SrcPort;
            DstPort = ulp.DstPort;
            TcpFlags = ulp.TcpFlags;
            IcmpEchoId = ulp.IcmpEchoId;
        }
    }
}

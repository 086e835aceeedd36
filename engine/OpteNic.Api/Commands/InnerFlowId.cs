using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// A flow id as dumped (UFT, LFT, TCP tables): protocol, addresses, and two 16-bit protocol words (ports, or for ICMP
/// type/code and echo id). Wire form: <c>proto</c> (u8), <c>addrs</c> (enum <c>AddrPair { V4 { src, dst } = 0,
/// V6 { src, dst } = 1 }</c>, so both addresses share one family), <c>proto_info</c> (<c>[u16; 2]</c>: two varints).
/// </summary>
public sealed record InnerFlowId : IPostcardSerializable<InnerFlowId>
{
    /// <summary>Creates a flow id; throws when the addresses are of different families.</summary>
    public InnerFlowId(byte protocol, IpAddr src, IpAddr dst, ushort srcPort, ushort dstPort)
    {
        if (src.IsIpv4 != dst.IsIpv4)
        {
            throw new ArgumentException("source and destination must be of one family", nameof(dst));
        }

        Protocol = protocol;
        Src = src;
        Dst = dst;
        SrcPort = srcPort;
        DstPort = dstPort;
    }

    /// <summary>IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6; 0 for non-IP).</summary>
    public byte Protocol { get; }

    /// <summary>Source address.</summary>
    public IpAddr Src { get; }

    /// <summary>Destination address (same family as <see cref="Src"/>).</summary>
    public IpAddr Dst { get; }

    /// <summary>First protocol word: source port, or ICMP type/code.</summary>
    public ushort SrcPort { get; }

    /// <summary>Second protocol word: destination port, or ICMP echo id.</summary>
    public ushort DstPort { get; }

    /// <summary>e.g. <c>6 10.0.0.5:40000 -> 10.0.0.6:22</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Protocol} {Src}:{SrcPort} -> {Dst}:{DstPort}");

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU8(Protocol);
        if (Src.IsIpv4)
        {
            writer.WriteVariant(0);
            Src.Ipv4.Write(ref writer);
            Dst.Ipv4.Write(ref writer);
        }
        else
        {
            writer.WriteVariant(1);
            Src.Ipv6.Write(ref writer);
            Dst.Ipv6.Write(ref writer);
        }

        writer.WriteU16(SrcPort);
        writer.WriteU16(DstPort);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out InnerFlowId value)
    {
        value = null;
        if (!reader.TryReadU8(out byte protocol) || !reader.TryReadVariant(2, "AddrPair", out uint family))
        {
            return false;
        }

        IpAddr src;
        IpAddr dst;
        if (family == 0)
        {
            if (!reader.TryRead(out Ipv4Addr src4) || !reader.TryRead(out Ipv4Addr dst4))
            {
                return false;
            }

            (src, dst) = (src4, dst4);
        }
        else
        {
            if (!reader.TryRead(out Ipv6Addr src6) || !reader.TryRead(out Ipv6Addr dst6))
            {
                return false;
            }

            (src, dst) = (src6, dst6);
        }

        if (!reader.TryReadU16(out ushort srcPort) || !reader.TryReadU16(out ushort dstPort))
        {
            return false;
        }

        value = new InnerFlowId(protocol, src, dst, srcPort, dstPort);
        return true;
    }
}

using System.Buffers.Binary;
using OpteNic.Packets;
using OpteNic.Packets.Headers;

namespace OpteNic.Fuzz;

/// <summary>Writes a small seed corpus: one valid frame per header stack, each with a selector byte in front.</summary>
public static class SeedCorpus
{
    public static IEnumerable<(string Name, byte[] Input)> Build()
    {
        MacAddress guest = MacAddress.Parse("a8:40:25:00:00:01");
        MacAddress peer = MacAddress.Parse("a8:40:25:00:00:02");
        foreach (bool v6 in new[] { false, true })
        {
            IpAddr src = IpAddr.Parse(v6 ? "fd00::5" : "10.0.0.5");
            IpAddr dst = IpAddr.Parse(v6 ? "fd00::9" : "10.0.0.9");
            string family = v6 ? "6" : "4";
            foreach (IpProtocol protocol in new[] { IpProtocol.Tcp, IpProtocol.Udp, v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp })
            {
                byte[] frame = Frame(guest, peer, src, dst, protocol, v6);
                yield return ($"out-{protocol.ToString().ToLowerInvariant()}-v{family}", [(byte)(0 | (1 << 2)), .. frame]);
                yield return ($"in-{protocol.ToString().ToLowerInvariant()}-v{family}", [(byte)(1 | (1 << 2)), .. Encapsulate(frame)]);
            }
        }

        var arp = new byte[42];
        new EthernetHeader(MacAddress.Broadcast, guest, (ushort)EtherType.Arp).WriteTo(arp);
        new ArpPacket(ArpOperation.Request, guest, IpAddr.Parse("10.0.0.5"), MacAddress.Zero, IpAddr.Parse("10.0.0.1")).WriteTo(arp.AsSpan(14));
        yield return ("out-arp", [0, .. arp]);
    }

    private static byte[] Frame(MacAddress src, MacAddress dst, IpAddr srcIp, IpAddr dstIp, IpProtocol protocol, bool v6)
    {
        var frame = new byte[200];
        var builder = new FrameBuilder(frame);
        builder.Ethernet(new EthernetHeader(dst, src, v6 ? (ushort)EtherType.Ipv6 : (ushort)EtherType.Ipv4));
        if (v6)
        {
            builder.Ipv6(new Ipv6Header(srcIp, dstIp, protocol, 0));
        }
        else
        {
            builder.Ipv4(new Ipv4Header(srcIp, dstIp, protocol, 0));
        }

        switch (protocol)
        {
            case IpProtocol.Tcp:
                builder.Tcp(new TcpHeader(40000, 443, 1, 2, TcpFlags.Syn, 1000));
                break;
            case IpProtocol.Udp:
                builder.Udp(68, 67);
                break;
            default:
                builder.Icmp(IcmpHeader.Echo(v6 ? IcmpHeader.Echo6Request : IcmpHeader.EchoRequest, 7, 1));
                break;
        }

        builder.Append("opte-fuzz seed"u8);
        builder.TryFinish(out int length);
        return frame.AsSpan(0, length).ToArray();
    }

    private static byte[] Encapsulate(byte[] inner)
    {
        var options = new GeneveOptions { External = true, HasMss = true, Mss = 1400 };
        var geneve = new GeneveHeader(77, options);
        int outer = 14 + 40 + 8 + geneve.Length;
        var frame = new byte[outer + inner.Length];
        new EthernetHeader(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6).WriteTo(frame);
        new Ipv6Header(IpAddr.Parse("fd77::1"), IpAddr.Parse("fd77::2"), IpProtocol.Udp, (ushort)(frame.Length - 54)).WriteTo(frame.AsSpan(14));
        new UdpHeader(0xC0DE, 6081, (ushort)(frame.Length - 54)).WriteTo(frame.AsSpan(54));
        geneve.WriteTo(frame.AsSpan(62));
        inner.CopyTo(frame, outer);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(58), (ushort)(frame.Length - 54));
        return frame;
    }
}

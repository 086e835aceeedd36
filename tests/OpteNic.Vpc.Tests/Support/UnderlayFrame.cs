using System.Buffers.Binary;
using System.Net;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>Reads an encapsulated frame the port emitted, field by field, to assert exact output headers.</summary>
public sealed class UnderlayFrame
{
    public UnderlayFrame(ReadOnlySpan<byte> frame)
    {
        Assert.True(frame.Length >= 14 + 40 + 8 + 8 + 14, $"frame of {frame.Length} bytes is too short to be encapsulated");
        OuterDstMac = frame[..6].ToArray();
        OuterSrcMac = frame[6..12].ToArray();
        OuterEtherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        ReadOnlySpan<byte> ip = frame[14..];
        Assert.Equal(6, ip[0] >> 4);
        PayloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        NextHeader = ip[6];
        OuterSrc = new IPAddress(ip[8..24]);
        OuterDst = new IPAddress(ip[24..40]);
        ReadOnlySpan<byte> udp = ip[40..];
        UdpSrcPort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        UdpDstPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        UdpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        UdpChecksum = BinaryPrimitives.ReadUInt16BigEndian(udp[6..]);
        ReadOnlySpan<byte> geneve = udp[8..];
        int optionBytes = (geneve[0] & 0x3F) * 4;
        GeneveProtocol = BinaryPrimitives.ReadUInt16BigEndian(geneve[2..]);
        Vni = (uint)(geneve[4] << 16 | geneve[5] << 8 | geneve[6]);
        Options = geneve.Slice(8, optionBytes).ToArray();
        Inner = geneve[(8 + optionBytes)..].ToArray();
        Assert.Equal(frame.Length - 14 - 40, (int)UdpLength);
        Assert.Equal(frame.Length - 14 - 40, (int)PayloadLength);
    }

    public byte[] OuterDstMac { get; }
    public byte[] OuterSrcMac { get; }
    public ushort OuterEtherType { get; }
    public int PayloadLength { get; }
    public byte NextHeader { get; }
    public IPAddress OuterSrc { get; }
    public IPAddress OuterDst { get; }
    public ushort UdpSrcPort { get; }
    public ushort UdpDstPort { get; }
    public ushort UdpLength { get; }
    public ushort UdpChecksum { get; }
    public ushort GeneveProtocol { get; }
    public uint Vni { get; }
    public byte[] Options { get; }
    public byte[] Inner { get; }

    /// <summary>The Oxide options present, as (type, body) pairs.</summary>
    public List<(byte Type, byte[] Body)> OxideOptions()
    {
        var list = new List<(byte, byte[])>();
        int at = 0;
        while (at + 4 <= Options.Length)
        {
            ushort cls = BinaryPrimitives.ReadUInt16BigEndian(Options.AsSpan(at));
            byte type = (byte)(Options[at + 2] & 0x7F);
            int length = (Options[at + 3] & 0x1F) * 4;
            Assert.Equal(0x0129, cls);
            list.Add((type, Options.AsSpan(at + 4, length).ToArray()));
            at += 4 + length;
        }

        return list;
    }
}

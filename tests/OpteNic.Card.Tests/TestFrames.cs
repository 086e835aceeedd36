using System.Buffers.Binary;

namespace OpteNic.Card.Tests;

/// <summary>Builds well-formed Ethernet/IPv4/UDP frames for tests (checksums left zero: the pass-through port does not check).</summary>
public static class TestFrames
{
    /// <summary>A UDP/IPv4 frame from 10.0.0.1:<paramref name="sourcePort"/> to 10.0.0.2:<paramref name="destinationPort"/> with a payload stamped by <paramref name="stamp"/>.</summary>
    public static byte[] Udp(ushort sourcePort, ushort destinationPort, int payloadBytes = 18, byte stamp = 0, byte sourceHost = 1)
    {
        var frame = new byte[14 + 20 + 8 + payloadBytes];
        var span = frame.AsSpan();
        byte[] destinationMac = [0x02, 0, 0, 0, 0, 2];
        byte[] sourceMac = [0x02, 0, 0, 0, 0, 1];
        destinationMac.CopyTo(span);
        sourceMac.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);
        var ip = span[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + payloadBytes));
        ip[8] = 64;
        ip[9] = 17;
        byte[] source = [10, 0, 0, sourceHost];
        byte[] destination = [10, 0, 0, 2];
        source.CopyTo(ip[12..]);
        destination.CopyTo(ip[16..]);
        var udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payloadBytes));
        for (var i = 0; i < payloadBytes; i++)
        {
            udp[8 + i] = (byte)(stamp + i);
        }

        return frame;
    }
}

using System.Buffers.Binary;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>Well-formed Ethernet/IPv4/UDP frames with distinct flows and payloads, for pushing through the card.</summary>
public static class TestFrames
{
    /// <summary>
    /// <paramref name="count"/> frames; flow i has source port 10000 + i and payload bytes derived from
    /// <paramref name="seed"/> and i, with sizes from 60 to about 1500 bytes so both small and MTU-sized frames pass.
    /// </summary>
    public static List<byte[]> Udp(int count, int seed, byte sourceHost = 10, byte destinationHost = 20)
    {
        var random = new Random(seed);
        var frames = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var payloadLength = i switch
            {
                0 => 18,                        // minimum Ethernet frame (60 bytes without FCS)
                1 => 1472,                      // 1514-byte frame: a full 1500-byte MTU packet
                _ => random.Next(1, 1400),
            };
            var frame = new byte[14 + 20 + 8 + payloadLength];
            var span = frame.AsSpan();
            // Ethernet: guest MAC A8:40:25:00:00:xx style (Oxide OUI), EtherType IPv4.
            ReadOnlySpan<byte> destinationMac = [0xA8, 0x40, 0x25, 0x00, 0x00, destinationHost];
            ReadOnlySpan<byte> sourceMac = [0xA8, 0x40, 0x25, 0x00, 0x00, sourceHost];
            destinationMac.CopyTo(span);
            sourceMac.CopyTo(span[6..]);
            BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);
            // IPv4
            var ip = span[14..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + payloadLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)i);
            ip[8] = 64;
            ip[9] = 17;
            ip[12] = 172; ip[13] = 30; ip[14] = 0; ip[15] = sourceHost;
            ip[16] = 172; ip[17] = 30; ip[18] = 0; ip[19] = destinationHost;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20]));
            // UDP (checksum 0: allowed for IPv4)
            var udp = ip[20..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)(10000 + i));
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 7777);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payloadLength));
            random.NextBytes(udp[8..]);
            frames.Add(frame);
        }

        return frames;
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}

using System.Buffers.Binary;
using CsCheck;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Tests.Checksums;

public class InternetChecksumTests
{
    /// <summary>RFC 1071 written the slow, obvious way: an independent reference.</summary>
    private static ushort Reference(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)(data[^1] << 8);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    [Fact]
    public void Rfc1071_example()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];
        Assert.Equal(0xDDF2u, InternetChecksum.PartialSum(data));
        Assert.Equal(0x220D, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Matches_reference_on_random_data_of_every_length()
    {
        Gen.Byte.Array[0, 1600].Sample(data => Assert.Equal(Reference(data), InternetChecksum.Compute(data)), iter: 2000);
    }

    [Fact]
    public void Partial_sums_chain_across_even_pieces()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 150]).Sample((data, cut) =>
        {
            int split = Math.Min(cut * 2, data.Length & ~1);
            uint first = InternetChecksum.PartialSum(data.AsSpan(0, split));
            Assert.Equal(Reference(data), InternetChecksum.Finish(InternetChecksum.PartialSum(data.AsSpan(split), first)));
        }, iter: 1000);
    }

    [Theory]
    [InlineData(false, 6)]
    [InlineData(true, 6)]
    [InlineData(false, 17)]
    [InlineData(true, 17)]
    [InlineData(true, 58)]
    public void Upper_layer_checksum_matches_packetdotnet(bool v6, int protocol)
    {
        byte[] frame = protocol switch
        {
            6 => TestFrames.Tcp(v6, payloadLength: 37),
            17 => TestFrames.Udp(v6, payloadLength: 41),
            _ => TestFrames.IcmpEcho(v6, payloadLength: 23),
        };
        Assert.True(PacketParser.TryParse(frame, ParseMode.Outbound, out ParsedPacket p, out _));
        int checksumOffset = p.UlpOffset + protocol switch { 6 => 16, 17 => 6, _ => 2 };
        ushort expected = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(checksumOffset));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(checksumOffset), 0);
        ushort computed = InternetChecksum.ComputeUpperLayer(frame.AsSpan(p.UlpOffset, p.IpEnd - p.UlpOffset), p.SrcIp, p.DstIp, p.Protocol);
        Assert.Equal(expected, computed);
    }

    [Fact]
    public void Ipv4_header_checksum_matches_packetdotnet()
    {
        byte[] frame = TestFrames.Udp(false);
        ushort expected = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(24));
        InternetChecksum.WriteIpv4HeaderChecksum(frame.AsSpan(14, 20));
        Assert.Equal(expected, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(24)));
    }

    [Fact]
    public void Incremental_update_equals_full_recompute()
    {
        // RFC 1624: change one word anywhere, the updated checksum equals recomputation (never the 0xFFFF form).
        Gen.Select(Gen.Byte.Array[2, 200], Gen.Int[0, 99], Gen.UShort).Sample((data, index, word) =>
        {
            byte[] copy = data.Length % 2 == 0 ? data : [.. data, 0];
            int at = index * 2 % copy.Length;
            ushort before = InternetChecksum.Compute(copy);
            ushort old = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(at));
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at), word);
            ushort full = InternetChecksum.Compute(copy);
            if (copy.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                return; // all-zero data is the one case with two representations
            }

            Assert.Equal(full, InternetChecksum.Update(before, old, word));
        }, iter: 3000);
    }

    [Fact]
    public void Address_update_equals_full_recompute()
    {
        Gen.Select(Gen.Byte.Array[40, 40], Gen.ULong, Gen.ULong).Sample((data, high, low) =>
        {
            data[0] |= 1; // never all zero
            ushort before = InternetChecksum.Compute(data);
            IpAddr old = IpAddr.ReadIpv6(data.AsSpan(8));
            var updated = new IpAddr(high, low);
            updated.WriteIpv6To(data.AsSpan(8));
            Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Update(before, old, updated));
        }, iter: 2000);
    }

    [Fact]
    public void Udp_zero_checksum_means_none_and_computed_zero_is_sent_as_ffff()
    {
        Assert.Equal(0, InternetChecksum.ApplyDeltaUdp(0, 0x1234));
        // ~0x1234 + delta → a sum of 0xFFFF (checksum 0) must become 0xFFFF.
        ushort checksum = 0x1234;
        uint delta = 0xFFFF - (uint)(ushort)~checksum;
        Assert.Equal(0xFFFF, InternetChecksum.ApplyDeltaUdp(checksum, delta));
    }
}

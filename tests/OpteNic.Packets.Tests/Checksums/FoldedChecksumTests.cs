using System.Buffers.Binary;
using OpteNic.Packets.Checksums;

namespace OpteNic.Packets.Tests.Checksums;

/// <summary>
/// The short folds a compiled UFT hit uses (one end-around carry for a folded delta, three for an IPv4 header sum)
/// against the general 64-bit fold they stand in for, including the 0x0000 / 0xFFFF edges and UDP's "no checksum".
/// </summary>
public class FoldedChecksumTests
{
    [Fact]
    public void Folded_delta_update_equals_the_accumulated_update_for_every_checksum()
    {
        ushort[] deltas = [1, 2, 0x00FF, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];
        foreach (ushort delta in deltas)
        {
            for (int checksum = 0; checksum <= 0xFFFF; checksum++)
            {
                foreach (bool udp in new[] { false, true })
                {
                    ushort expected = InternetChecksum.ApplyAccumulated((ushort)checksum, delta, udp);
                    ushort actual = InternetChecksum.ApplyFolded((ushort)checksum, delta, udp);
                    if (expected != actual)
                    {
                        Assert.Fail($"checksum 0x{checksum:X4} delta 0x{delta:X4} udp {udp}: 0x{actual:X4}, expected 0x{expected:X4}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Ipv4_header_finish_equals_the_general_fold_up_to_the_largest_header_sum()
    {
        var random = new Random(42);
        // Fifteen 32-bit words (a 60-byte header with options) bound any header sum; add the edges.
        ulong largest = 15UL * uint.MaxValue;
        var sums = new List<ulong> { 1, 0xFFFF, 0x1_0000, 0xFFFF_FFFF, 0x1_0000_0000, largest, largest - 1 };
        for (int i = 0; i < 200_000; i++)
        {
            sums.Add((ulong)random.NextInt64(1, (long)largest + 1));
        }

        foreach (ulong sum in sums)
        {
            ushort delta = (ushort)random.Next(0x1_0000);
            ushort expected = (ushort)~InternetChecksum.Fold(InternetChecksum.AddWithCarry(sum, delta));
            Assert.Equal(expected, InternetChecksum.FinishIpv4Header(sum, delta));
        }
    }

    [Fact]
    public void Fixed_header_checksum_equals_a_whole_header_recomputation()
    {
        var random = new Random(7);
        var header = new byte[20];
        for (int i = 0; i < 100_000; i++)
        {
            random.NextBytes(header);
            header[0] = 0x45;
            if (i % 7 == 0)
            {
                // Addresses whose sum is a multiple of 0xFFFF (it folds to 0xFFFF) and all-ones words.
                header.AsSpan(12, 8).Fill(0xFF);
            }

            uint src = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
            uint dst = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
            ushort addressSum = (ushort)InternetChecksum.Fold((ulong)src + dst);
            header[10] = header[11] = 0;
            ushort expected = InternetChecksum.Compute(header);
            // The field the function must ignore: whatever checksum came in.
            header[10] = (byte)random.Next(256);
            header[11] = (byte)random.Next(256);
            Assert.Equal(expected, InternetChecksum.Ipv4FixedHeaderChecksum(ref header[0], addressSum));
        }
    }
}

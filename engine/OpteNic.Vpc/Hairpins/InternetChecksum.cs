namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// RFC 1071 ones' complement sums for the replies the gateway builds from scratch: the summing itself is
/// OpteNic.Packets' word-at-a-time routine; this adds the pseudo-header shapes the responders use.
/// </summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (an odd last byte is padded with zero).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data) => Packets.Checksums.InternetChecksum.PartialSum(data, sum);

    /// <summary>Folds the carries and complements: the value to store in a checksum field.</summary>
    public static ushort Finish(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Pseudo-header sum for UDP/TCP over IPv4 (RFC 768).</summary>
    public static uint PseudoHeaderV4(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, int length)
    {
        uint sum = Add(0, source);
        sum = Add(sum, destination);
        return sum + protocol + (uint)length;
    }

    /// <summary>Pseudo-header sum for upper layers over IPv6 (RFC 8200 section 8.1).</summary>
    public static uint PseudoHeaderV6(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte nextHeader, int length)
    {
        uint sum = Add(0, source);
        sum = Add(sum, destination);
        return sum + (uint)(length >> 16) + (uint)(length & 0xFFFF) + nextHeader;
    }
}

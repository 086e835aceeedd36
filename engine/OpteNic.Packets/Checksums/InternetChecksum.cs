using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpteNic.Packets.Checksums;

/// <summary>
/// The Internet checksum (RFC 1071): one's complement sum of 16-bit big-endian words, plus pseudo-headers (RFC 768,
/// 793, 8200 §8.1) and incremental updates (RFC 1624 eqn. 3). "Partial" sums are folded 16-bit values not yet
/// complemented, so they can be chained across pieces; every piece but the last must have even length.
/// Incremental results are normalised so they equal a full recomputation byte-for-byte (no 0x0000/0xFFFF ambiguity).
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a partial sum. Reads eight bytes at a time in machine order and swaps once at the end (RFC 1071 §2(B)).</summary>
    public static uint PartialSum(ReadOnlySpan<byte> data, uint partial = 0)
    {
        // Work in little-endian word order: the one's complement sum is byte-order independent up to a final swap.
        ulong sum = BitConverter.IsLittleEndian ? Swap16(Fold(partial)) : Fold(partial);
        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int index = 0;
        while (length - index >= 32)
        {
            ulong a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, index));
            ulong b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, index + 8));
            ulong c = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, index + 16));
            ulong d = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, index + 24));
            sum += (a & 0xFFFF_FFFF) + (a >> 32) + (b & 0xFFFF_FFFF) + (b >> 32) +
                   (c & 0xFFFF_FFFF) + (c >> 32) + (d & 0xFFFF_FFFF) + (d >> 32);
            index += 32;
        }

        while (length - index >= 8)
        {
            ulong a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, index));
            sum += (a & 0xFFFF_FFFF) + (a >> 32);
            index += 8;
        }

        if (length - index >= 4)
        {
            sum += Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, index));
            index += 4;
        }

        if (length - index >= 2)
        {
            sum += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, index));
            index += 2;
        }

        if (index < length)
        {
            // A trailing odd byte is the high byte of a big-endian word padded with zero: the low byte here.
            sum += Unsafe.Add(ref start, index);
        }

        if (!BitConverter.IsLittleEndian)
        {
            return Fold(sum);
        }

        return Swap16(Fold(sum));
    }

    /// <summary>The checksum of <paramref name="data"/>: complement of its folded sum. Verifying data that includes its checksum yields 0.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(PartialSum(data));

    /// <summary>Complements a partial sum into the value written to a checksum field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Finish(uint partial) => (ushort)~Fold(partial);

    /// <summary>Folds carries into 16 bits (end-around carry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold(ulong sum)
    {
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (uint)((sum & 0xFFFF) + (sum >> 16));
    }

    /// <summary>Partial sum of the 16-bit words of an address (four bytes for IPv4, sixteen for IPv6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddressSum(IpAddr address) =>
        address.IsIpv4 ? Fold(address.Ipv4) : Fold((ulong)Fold(address.High) + Fold(address.Low));

    /// <summary>Partial sum of the TCP/UDP/ICMPv6 pseudo-header for <paramref name="upperLayerLength"/> bytes of L4 data.</summary>
    public static uint PseudoHeaderSum(IpAddr src, IpAddr dst, IpProtocol protocol, int upperLayerLength) =>
        Fold((ulong)AddressSum(src) + AddressSum(dst) + (byte)protocol + (uint)upperLayerLength);

    /// <summary>
    /// The TCP/UDP/ICMPv6 checksum of <paramref name="segment"/> (its checksum field must be zero) over the pseudo-header.
    /// For UDP a computed 0 is sent as 0xFFFF (RFC 768).
    /// </summary>
    public static ushort ComputeUpperLayer(ReadOnlySpan<byte> segment, IpAddr src, IpAddr dst, IpProtocol protocol)
    {
        ushort checksum = Finish(PartialSum(segment, PseudoHeaderSum(src, dst, protocol, segment.Length)));
        return protocol == IpProtocol.Udp && checksum == 0 ? (ushort)0xFFFF : checksum;
    }

    /// <summary>
    /// One's complement difference a field change makes: add the result of several calls (then <see cref="Fold"/>) and
    /// apply once with <see cref="ApplyDelta"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Delta(uint oldPartial, uint newPartial) => Fold((ulong)(0xFFFF - Fold(oldPartial)) + Fold(newPartial));

    /// <summary>Difference made by replacing <paramref name="old"/> with <paramref name="updated"/> (same family).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddressDelta(IpAddr old, IpAddr updated) => Delta(AddressSum(old), AddressSum(updated));

    /// <summary>RFC 1624 eqn. 3: HC' = ~(~HC + delta), normalised to what full recomputation gives (never 0xFFFF).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ApplyDelta(ushort checksum, uint delta)
    {
        ushort result = (ushort)~Fold((ulong)(ushort)~checksum + delta);
        return result == 0xFFFF ? (ushort)0 : result;
    }

    /// <summary>
    /// <see cref="ApplyDelta"/> for a UDP checksum: 0 means "no checksum" (IPv4) and stays 0; a computed 0 is sent as 0xFFFF.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ApplyDeltaUdp(ushort checksum, uint delta)
    {
        if (checksum == 0)
        {
            return 0;
        }

        ushort result = (ushort)~Fold((ulong)(ushort)~checksum + delta);
        return result == 0 ? (ushort)0xFFFF : result;
    }

    /// <summary>Updates <paramref name="checksum"/> for one 16-bit word changing from <paramref name="oldWord"/> to <paramref name="newWord"/>.</summary>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord) => ApplyDelta(checksum, Delta(oldWord, newWord));

    /// <summary>Updates <paramref name="checksum"/> for an address change (IPv4 or IPv6).</summary>
    public static ushort Update(ushort checksum, IpAddr old, IpAddr updated) => ApplyDelta(checksum, AddressDelta(old, updated));

    /// <summary>Recomputes the IPv4 header checksum of <paramref name="header"/> (its IHL bytes) in place.</summary>
    public static void WriteIpv4HeaderChecksum(Span<byte> header)
    {
        int length = (header[0] & 0x0F) * 4;
        Span<byte> ipHeader = header.Slice(0, length);
        BinaryPrimitives.WriteUInt16BigEndian(ipHeader.Slice(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(ipHeader.Slice(10), Compute(ipHeader));
    }

    /// <summary>
    /// One's complement addition in 64 bits: the carry out of bit 63 wraps around (2^64 ≡ 1 mod 0xFFFF), so
    /// 16-, 32- and 64-bit big-endian quantities can be added whole and folded once at the end (RFC 1071 §2(C)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong sum, ulong value)
    {
        sum += value;
        return sum + (sum < value ? 1UL : 0UL);
    }

    /// <summary>
    /// Adds to <paramref name="delta"/> the change from <paramref name="old"/> to <paramref name="updated"/> of a field
    /// up to 64 bits wide (RFC 1624: subtracting is adding the complement). Unfolded: apply with
    /// <see cref="ApplyAccumulated"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AccumulateChange(ulong delta, ulong old, ulong updated, ulong width) =>
        AddWithCarry(AddWithCarry(delta, ~old & width), updated);

    /// <summary>
    /// RFC 1624 eqn. 3 with an unfolded delta from <see cref="AccumulateChange"/>, normalised like
    /// <see cref="ApplyDelta"/> (TCP/ICMP: never 0xFFFF) or <see cref="ApplyDeltaUdp"/> (0 stays "no checksum", a
    /// computed 0 is sent as 0xFFFF).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort ApplyAccumulated(ushort checksum, ulong delta, bool udp)
    {
        if (udp && checksum == 0)
        {
            return 0;
        }

        ushort result = (ushort)~Fold(AddWithCarry((ushort)~checksum, delta));
        if (udp)
        {
            return result == 0 ? (ushort)0xFFFF : result;
        }

        return result == 0xFFFF ? (ushort)0 : result;
    }

    /// <summary>
    /// <see cref="ApplyAccumulated"/> for a delta already folded to 16 bits (a compiled entry's precomputed delta): the
    /// complemented checksum plus the delta stays below 2^17, so one end-around carry gives the same result as the full fold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort ApplyFolded(ushort checksum, ushort delta, bool udp)
    {
        if (udp && checksum == 0)
        {
            return 0;
        }

        uint sum = (uint)(ushort)~checksum + delta;
        ushort result = (ushort)~((sum & 0xFFFF) + (sum >> 16));
        if (udp)
        {
            return result == 0 ? (ushort)0xFFFF : result;
        }

        return result == 0xFFFF ? (ushort)0 : result;
    }

    /// <summary>
    /// The IPv4 header checksum from <see cref="Ipv4HeaderSum"/> (below 2^35 for any header length) plus a folded 16-bit
    /// delta: three 16-bit end-around folds bring such a sum into 16 bits, the same value as <see cref="Fold"/> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort FinishIpv4Header(ulong headerSum, ushort delta)
    {
        ulong sum = headerSum + delta;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~((sum & 0xFFFF) + (sum >> 16));
    }

    /// <summary>
    /// The checksum of the 20-byte IPv4 header at <paramref name="header"/> (no options) once its addresses are those
    /// whose folded sum is <paramref name="addressSum"/>: a full recomputation that reads only the fields other than
    /// the addresses (version to fragment offset, TTL and protocol). The same value as summing the whole header.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort Ipv4FixedHeaderChecksum(ref byte header, ushort addressSum)
    {
        ulong first = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref header));
        uint ttlAndProtocol = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref header, 8)));
        // Below 2^33 + 2^17: three 16-bit end-around folds bring it into 16 bits (see FinishIpv4Header).
        ulong sum = (first >> 32) + (first & 0xFFFF_FFFF) + ttlAndProtocol + addressSum;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~((sum & 0xFFFF) + (sum >> 16));
    }

    /// <summary>
    /// The unfolded one's complement sum (big-endian word values) of the <paramref name="length"/>-byte IPv4 header at
    /// <paramref name="header"/> with its checksum field counted as zero. Add changes with
    /// <see cref="AccumulateChange"/>, then the checksum is <c>~Fold(sum)</c>: a full recomputation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Ipv4HeaderSum(ref byte header, int length)
    {
        if (length != 20)
        {
            // Options: sum everything, then take the checksum field back out (adding its complement subtracts it).
            ushort field = BinaryPrimitives.ReadUInt16BigEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref header, 10), 2));
            return PartialSum(MemoryMarshal.CreateReadOnlySpan(ref header, length)) + (uint)(ushort)~field;
        }

        ulong a = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref header));
        ulong b = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref header, 8))) & 0xFFFF_0000_FFFF_FFFFUL;
        ulong c = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref header, 16)));
        return (a >> 32) + (a & 0xFFFF_FFFF) + (b >> 32) + (b & 0xFFFF_FFFF) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Swap16(uint value) => ((value & 0xFF) << 8) | ((value >> 8) & 0xFF);
}

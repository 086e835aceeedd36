using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OpteNic.Packets;

/// <summary>
/// Unchecked big-endian loads and stores at a byte offset from a reference: one unaligned move and one byte swap each
/// (MOVBE where the CPU has it), with no span slicing or per-field bounds check. Callers check the bounds of the
/// whole header once, with unsigned arithmetic, before they read or write its fields.
/// </summary>
internal static class NetworkOrder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Read16(ref byte origin, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref origin, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read32(ref byte origin, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref origin, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read64(ref byte origin, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, offset)));

    /// <summary>A 48-bit MAC address; reads eight bytes, so two bytes past the address must be readable too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddress ReadMacWide(ref byte origin, int offset) => new(Read64(ref origin, offset) >> 16);

    /// <summary>A 48-bit MAC address from exactly six bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddress ReadMac(ref byte origin, int offset) =>
        new(((ulong)Read32(ref origin, offset) << 16) | Read16(ref origin, offset + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddr ReadIpv6(ref byte origin, int offset) => new(Read64(ref origin, offset), Read64(ref origin, offset + 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write16(ref byte origin, int offset, ushort value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref origin, offset), BinaryPrimitives.ReverseEndianness(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write32(ref byte origin, int offset, uint value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref origin, offset), BinaryPrimitives.ReverseEndianness(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write64(ref byte origin, int offset, ulong value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref origin, offset), BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes a MAC address's six bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteMac(ref byte origin, int offset, MacAddress address)
    {
        Write32(ref origin, offset, (uint)(address.Value >> 16));
        Write16(ref origin, offset + 4, (ushort)address.Value);
    }

    /// <summary>Writes four bytes (IPv4) or sixteen (IPv6) in wire order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteAddress(ref byte origin, int offset, IpAddr address, bool ipv4)
    {
        if (ipv4)
        {
            Write32(ref origin, offset, address.Ipv4);
        }
        else
        {
            Write64(ref origin, offset, address.High);
            Write64(ref origin, offset + 8, address.Low);
        }
    }
}

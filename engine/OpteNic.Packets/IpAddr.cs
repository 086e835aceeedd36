using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace OpteNic.Packets;

/// <summary>
/// An IPv4 or IPv6 address in 128 bits (two <see cref="ulong"/>s, network order: <see cref="High"/> holds the first
/// eight wire bytes). IPv4 addresses are held IPv4-mapped (::ffff:a.b.c.d, RFC 4291 §2.5.5.2), so one type serves flow
/// keys, predicates and rewrites for both families, and equality is two compares. IPv4-mapped addresses never appear
/// as IPv6 wire addresses on the data path, so the encoding is unambiguous.
/// </summary>
public readonly struct IpAddr : IEquatable<IpAddr>
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000;

    public IpAddr(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>First eight bytes of the 128-bit form, big-endian.</summary>
    public ulong High { get; }

    /// <summary>Last eight bytes of the 128-bit form, big-endian.</summary>
    public ulong Low { get; }

    /// <summary>The unspecified IPv6 address (::). Also what a packet without an IP header reports.</summary>
    public static IpAddr Ipv6Unspecified => default;

    /// <summary>0.0.0.0 as IPv4.</summary>
    public static IpAddr Ipv4Unspecified => FromIpv4(0);

    /// <summary>True when this holds an IPv4 address.</summary>
    public bool IsIpv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000) == MappedPrefix;

    /// <summary>The IPv4 address as a host-order number (a.b.c.d = a&lt;&lt;24 | …); meaningful only if <see cref="IsIpv4"/>.</summary>
    public uint Ipv4 => (uint)Low;

    /// <summary>Multicast: 224.0.0.0/4 for IPv4, ff00::/8 for IPv6.</summary>
    public bool IsMulticast => IsIpv4 ? (Ipv4 >> 28) == 0xE : (High >> 56) == 0xFF;

    /// <summary>An IPv4 address from its host-order number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddr FromIpv4(uint address) => new(0, MappedPrefix | address);

    /// <summary>Reads four wire bytes as IPv4.</summary>
    public static IpAddr ReadIpv4(ReadOnlySpan<byte> source) => FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Reads sixteen wire bytes as IPv6.</summary>
    public static IpAddr ReadIpv6(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source.Slice(8)));

    /// <summary>Writes four bytes (IPv4) or sixteen bytes (IPv6) in wire order.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (IsIpv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, Ipv4);
        }
        else
        {
            WriteIpv6To(destination);
        }
    }

    /// <summary>Writes sixteen bytes in wire order (IPv4 appears IPv4-mapped).</summary>
    public void WriteIpv6To(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), Low);
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
    }

    /// <summary>Wire length: 4 for IPv4, 16 for IPv6.</summary>
    public int WireLength => IsIpv4 ? 4 : 16;

    /// <summary>True when the first <paramref name="prefixLength"/> bits equal those of <paramref name="prefix"/> (same family).</summary>
    public bool IsInPrefix(IpAddr prefix, int prefixLength)
    {
        if (IsIpv4 != prefix.IsIpv4)
        {
            return false;
        }

        int bits = IsIpv4 ? prefixLength + 96 : prefixLength;
        if (bits <= 0)
        {
            return true;
        }

        if (bits >= 128)
        {
            return this == prefix;
        }

        if (bits <= 64)
        {
            ulong mask = ulong.MaxValue << (64 - bits);
            return ((High ^ prefix.High) & mask) == 0;
        }

        ulong lowMask = ulong.MaxValue << (128 - bits);
        return High == prefix.High && ((Low ^ prefix.Low) & lowMask) == 0;
    }

    /// <summary>Converts from <see cref="IPAddress"/> (configuration and tests, not the data path).</summary>
    public static IpAddr From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return ReadIpv4(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        return ReadIpv6(bytes);
    }

    /// <summary>Parses dotted-quad or IPv6 text (configuration and tests).</summary>
    public static IpAddr Parse(string text) => From(IPAddress.Parse(text));

    /// <summary>Parses dotted-quad or IPv6 text without throwing.</summary>
    public static bool TryParse(string? text, out IpAddr address)
    {
        if (IPAddress.TryParse(text, out IPAddress? parsed))
        {
            address = From(parsed);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>Converts to <see cref="IPAddress"/> (allocates; not for the data path).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIpv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, Ipv4);
            return new IPAddress(bytes.Slice(0, 4));
        }

        WriteIpv6To(bytes);
        return new IPAddress(bytes);
    }

    public bool Equals(IpAddr other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is IpAddr other && Equals(other);

    public override int GetHashCode() => (int)BitOperations.Crc32C(BitOperations.Crc32C(0, High), Low);

    public override string ToString() => ToIPAddress().ToString();

    public static bool operator ==(IpAddr left, IpAddr right) => left.High == right.High && left.Low == right.Low;

    public static bool operator !=(IpAddr left, IpAddr right) => !(left == right);
}

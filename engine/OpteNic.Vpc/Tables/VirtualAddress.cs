using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OpteNic.Vpc.Tables;

/// <summary>
/// An overlay IPv4 or IPv6 address as one 128-bit value (IPv4 as ::ffff:a.b.c.d, RFC 4291 section 2.5.5.2), so one
/// table and one hash serve both families and keys compare with two integer comparisons.
/// </summary>
public readonly struct VirtualAddress : IEquatable<VirtualAddress>
{
    private static readonly UInt128 s_v4MappedPrefix = (UInt128)0xFFFF << 32;

    private VirtualAddress(UInt128 value) => Value = value;

    /// <summary>The address as a big-endian 128-bit integer.</summary>
    public UInt128 Value { get; }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIpv4 => Value >> 32 == 0xFFFF;

    /// <summary>From 4 (IPv4) or 16 (IPv6) wire-order bytes; false for any other length.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> address, out VirtualAddress result)
    {
        if (address.Length == 4)
        {
            result = FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(address));
            return true;
        }

        if (address.Length == 16)
        {
            result = new VirtualAddress(BinaryPrimitives.ReadUInt128BigEndian(address));
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>An IPv4 address given as a host-order integer (a.b.c.d = a &lt;&lt; 24 | …).</summary>
    public static VirtualAddress FromIpv4(uint address) => new(s_v4MappedPrefix | address);

    /// <summary>An IPv6 address given as a big-endian 128-bit integer.</summary>
    public static VirtualAddress FromIpv6(UInt128 address) => new(address);

    /// <summary>Control-path convenience.</summary>
    public static VirtualAddress From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        TryFromBytes(bytes[..written], out VirtualAddress result);
        return result;
    }

    public IPAddress ToIPAddress()
    {
        if (IsIpv4)
        {
            return new IPAddress(BinaryPrimitives.ReverseEndianness((uint)Value));
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new IPAddress(bytes);
    }

    public AddressFamily Family => IsIpv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public bool Equals(VirtualAddress other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is VirtualAddress other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => ToIPAddress().ToString();

    public static bool operator ==(VirtualAddress left, VirtualAddress right) => left.Equals(right);

    public static bool operator !=(VirtualAddress left, VirtualAddress right) => !left.Equals(right);
}

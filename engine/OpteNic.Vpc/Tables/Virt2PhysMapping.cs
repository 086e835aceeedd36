using System.Buffers.Binary;

namespace OpteNic.Vpc.Tables;

/// <summary>
/// Where a virtual address lives: the underlay (physical) IPv6 address of its sled and the guest's MAC. Held as two
/// integers so a table slot is a plain struct the GC never scans and a reader copies without allocating.
/// </summary>
public readonly struct Virt2PhysMapping : IEquatable<Virt2PhysMapping>
{
    public Virt2PhysMapping(UInt128 underlayAddress, ulong guestMac)
    {
        UnderlayAddress = underlayAddress;
        GuestMac = guestMac & 0xFFFF_FFFF_FFFF;
    }

    /// <summary>Builds a mapping from wire-order bytes (16-byte IPv6 address, 6-byte MAC).</summary>
    public static Virt2PhysMapping FromBytes(ReadOnlySpan<byte> underlayAddress, ReadOnlySpan<byte> guestMac)
    {
        if (underlayAddress.Length != 16 || guestMac.Length != 6)
        {
            throw new ArgumentException("a V2P mapping needs a 16-byte IPv6 address and a 6-byte MAC");
        }

        ulong mac = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(guestMac) << 32) | BinaryPrimitives.ReadUInt32BigEndian(guestMac[2..]);
        return new Virt2PhysMapping(BinaryPrimitives.ReadUInt128BigEndian(underlayAddress), mac);
    }

    /// <summary>The underlay IPv6 address as a big-endian 128-bit integer.</summary>
    public UInt128 UnderlayAddress { get; }

    /// <summary>The guest MAC in the low 48 bits, first wire byte most significant.</summary>
    public ulong GuestMac { get; }

    /// <summary>Writes the underlay address in wire order (16 bytes).</summary>
    public void WriteUnderlayAddress(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, UnderlayAddress);

    /// <summary>Writes the guest MAC in wire order (6 bytes).</summary>
    public void WriteGuestMac(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(GuestMac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)GuestMac);
    }

    public bool Equals(Virt2PhysMapping other) => UnderlayAddress == other.UnderlayAddress && GuestMac == other.GuestMac;

    public override bool Equals(object? obj) => obj is Virt2PhysMapping other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(UnderlayAddress, GuestMac);

    public override string ToString()
    {
        Span<byte> address = stackalloc byte[16];
        WriteUnderlayAddress(address);
        return $"{new System.Net.IPAddress(address)} {GuestMac:x12}";
    }

    public static bool operator ==(Virt2PhysMapping left, Virt2PhysMapping right) => left.Equals(right);

    public static bool operator !=(Virt2PhysMapping left, Virt2PhysMapping right) => !left.Equals(right);
}

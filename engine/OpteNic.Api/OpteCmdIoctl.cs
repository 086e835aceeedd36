using System.Buffers.Binary;

namespace OpteNic.Api;

/// <summary>
/// The seed's ioctl argument, carried in the mailbox envelope registers (datasheet §4.3) instead of a user pointer.
/// Request and response bytes live in host DMA memory at <see cref="RequestAddress"/> / <see cref="ResponseAddress"/>.
/// Wire layout is <see cref="Size"/> bytes, little-endian, fields in declaration order with <c>cmd</c> padded to 8.
/// </summary>
public struct OpteCmdIoctl
{
    /// <summary>Encoded size in the mailbox envelope window.</summary>
    public const int Size = 72;

    /// <summary>Flag bit: the firmware wrote a response or a serialized <c>OpteError</c> to the response buffer.</summary>
    public const ulong FlagResponseWritten = 1;

    public ulong ApiVersion;
    public OpteCmd Cmd;
    public ulong Flags;
    public ulong Reserved;
    public ulong RequestAddress;
    public ulong RequestLength;
    public ulong ResponseAddress;
    public ulong ResponseLength;
    /// <summary>Bytes the firmware wrote, or on ENOBUFS the bytes it needs.</summary>
    public ulong ResponseLengthActual;

    /// <summary>Offsets of each field inside the encoded envelope.</summary>
    public static class Offsets
    {
        public const int ApiVersion = 0;
        public const int Cmd = 8;
        public const int Flags = 16;
        public const int Reserved = 24;
        public const int RequestAddress = 32;
        public const int RequestLength = 40;
        public const int ResponseAddress = 48;
        public const int ResponseLength = 56;
        public const int ResponseLengthActual = 64;
    }

    public readonly void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.ApiVersion..], ApiVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.Cmd..], (uint)Cmd);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.Flags..], Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.Reserved..], Reserved);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.RequestAddress..], RequestAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.RequestLength..], RequestLength);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.ResponseAddress..], ResponseAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.ResponseLength..], ResponseLength);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offsets.ResponseLengthActual..], ResponseLengthActual);
    }

    public static OpteCmdIoctl ReadFrom(ReadOnlySpan<byte> source) => new()
    {
        ApiVersion = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.ApiVersion..]),
        Cmd = (OpteCmd)BinaryPrimitives.ReadUInt32LittleEndian(source[Offsets.Cmd..]),
        Flags = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.Flags..]),
        Reserved = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.Reserved..]),
        RequestAddress = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.RequestAddress..]),
        RequestLength = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.RequestLength..]),
        ResponseAddress = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.ResponseAddress..]),
        ResponseLength = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.ResponseLength..]),
        ResponseLengthActual = BinaryPrimitives.ReadUInt64LittleEndian(source[Offsets.ResponseLengthActual..]),
    };
}

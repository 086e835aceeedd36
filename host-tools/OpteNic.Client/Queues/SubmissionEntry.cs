using System.Buffers.Binary;
using OpteNic.Api.Abi;

namespace OpteNic.Client.Queues;

/// <summary>Producer side of a submission ring entry (datasheet §6.3).</summary>
internal static unsafe class SubmissionEntry
{
    /// <summary>
    /// Writes an entry's body. The card reads it only after the tail register passes it, and the tail is written with
    /// release semantics after this, so plain stores suffice here.
    /// </summary>
    public static void Write(byte* entry, ulong address, uint length, ushort id, ushort flags)
    {
        // SAFETY: entry points at a whole 16-byte submission inside the ring.
        var span = new Span<byte>(entry, SubmissionDescriptor.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(span[SubmissionDescriptor.Address..], address);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SubmissionDescriptor.Length..], length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[SubmissionDescriptor.Id..], id);
        BinaryPrimitives.WriteUInt16LittleEndian(span[SubmissionDescriptor.Flags..], flags);
    }
}

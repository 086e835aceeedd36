using System.Buffers.Binary;
using OpteNic.Api.Abi;

namespace OpteNic.Client.Queues;

/// <summary>
/// Consumer side of a completion ring (datasheet §6.3): an entry is new when its phase bit equals the phase expected
/// for this pass; the expected phase starts at 1 on a zeroed ring and flips each time the head wraps. The phase word
/// is read first with acquire semantics, the body after, so the body the card wrote before it is visible.
/// </summary>
internal unsafe struct CompletionRingReader
{
    private readonly byte* _ring;
    private readonly uint _mask;
    private uint _head;
    private uint _expectedPhase;

    public CompletionRingReader(byte* ring, int entries)
    {
        _ring = ring;
        _mask = (uint)entries - 1;
        _head = 0;
        _expectedPhase = CompletionDescriptor.PhaseBit;
    }

    /// <summary>Completions consumed so far (free-running).</summary>
    public readonly uint Head => _head;

    /// <summary>If the next entry has been written by the card, returns it (phase word read with acquire).</summary>
    public readonly bool TryPeek(out byte* entry)
    {
        entry = _ring + ((_head & _mask) * CompletionDescriptor.Size);
        // SAFETY: entry lies inside the ring (index masked by size); the Info word is 4-byte aligned.
        var info = Volatile.Read(ref *(uint*)(entry + CompletionDescriptor.Info));
        if (!BitConverter.IsLittleEndian)
        {
            info = BinaryPrimitives.ReverseEndianness(info);
        }

        return (info & CompletionDescriptor.PhaseBit) == _expectedPhase;
    }

    /// <summary>Consumes the entry returned by <see cref="TryPeek"/>.</summary>
    public void Advance()
    {
        _head++;
        if ((_head & _mask) == 0)
        {
            _expectedPhase ^= CompletionDescriptor.PhaseBit;
        }
    }

    /// <summary>Reads the body of a completion entry (after <see cref="TryPeek"/> returned it).</summary>
    public static void ReadBody(byte* entry, out int length, out uint rssHash, out ushort id, out ushort status, out ushort flags)
    {
        // SAFETY: entry points at a whole 16-byte completion inside the ring.
        var span = new ReadOnlySpan<byte>(entry, CompletionDescriptor.Size);
        length = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(span[CompletionDescriptor.Length..]), int.MaxValue);
        rssHash = BinaryPrimitives.ReadUInt32LittleEndian(span[CompletionDescriptor.RssHash..]);
        id = BinaryPrimitives.ReadUInt16LittleEndian(span[CompletionDescriptor.Id..]);
        status = BinaryPrimitives.ReadUInt16LittleEndian(span[CompletionDescriptor.Status..]);
        flags = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(span[CompletionDescriptor.Info..]);
    }
}

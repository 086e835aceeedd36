using OpteNic.Api.Abi;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// The firmware's side of one submission/completion ring pair (datasheet §6.1): where the rings are, how far the card
/// has consumed submissions (<see cref="Head"/>) and produced completions, and the queue's handshake state. Touched
/// only by the NIC core that owns the queue pair.
/// </summary>
public sealed class DescriptorRing
{
    /// <summary>DMA address of the submission ring.</summary>
    public ulong SubmissionBase { get; private set; }

    /// <summary>DMA address of the completion ring.</summary>
    public ulong CompletionBase { get; private set; }

    /// <summary>Entries in each ring (a power of two).</summary>
    public uint Size { get; private set; }

    /// <summary>Free-running count of submissions consumed.</summary>
    public uint Head { get; set; }

    /// <summary>Last submission tail read from the doorbell register (read again only when the card catches up).</summary>
    public uint KnownTail { get; set; }

    /// <summary>Free-running count of completions written.</summary>
    public uint CompletionIndex { get; private set; }

    /// <summary>Handshake state as last written to the status register.</summary>
    public QueueStatus Status { get; set; }

    /// <summary>True while the card owns the rings.</summary>
    public bool Enabled => Status == QueueStatus.Enabled;

    /// <summary>Takes a validated configuration and starts from index 0 with phase 1.</summary>
    public void Start(ulong submissionBase, ulong completionBase, uint size)
    {
        SubmissionBase = submissionBase;
        CompletionBase = completionBase;
        Size = size;
        Head = 0;
        KnownTail = 0;
        CompletionIndex = 0;
        Status = QueueStatus.Enabled;
    }

    /// <summary>Forgets the rings (disable, fault, reset).</summary>
    public void Stop(QueueStatus status)
    {
        Status = status;
        Head = 0;
        KnownTail = 0;
        CompletionIndex = 0;
    }

    /// <summary>DMA address of submission entry <paramref name="index"/>.</summary>
    public ulong SubmissionAddress(uint index) => SubmissionBase + ((ulong)(index & (Size - 1)) * SubmissionDescriptor.Size);

    /// <summary>Takes the next completion slot: its DMA address and the phase bit it must carry.</summary>
    public ulong NextCompletion(out uint phase)
    {
        var index = CompletionIndex++;
        // Phase 1 on even passes over the ring, 0 on odd ones (§6.1). Size is a power of two, so index / Size is a shift.
        phase = ((index / Size) & 1) == 0 ? CompletionDescriptor.PhaseBit : 0;
        return CompletionBase + ((ulong)(index & (Size - 1)) * CompletionDescriptor.Size);
    }
}

using OpteNic.Api.Abi;

namespace OpteNic.Client.Queues;

/// <summary>What the card wrote back for one received frame (datasheet §6.4), besides the bytes.</summary>
/// <param name="Length">Frame length in bytes.</param>
/// <param name="RssHash">Toeplitz hash the card computed (0 if none); for a multicast copy, the port's link id.</param>
/// <param name="Status">Outcome of the descriptor.</param>
/// <param name="Flags">Checksum-verified, hairpin, multicast replica.</param>
public readonly record struct RxCompletion(int Length, uint RssHash, CompletionStatus Status, CompletionFlags Flags)
{
    /// <summary>
    /// For a multicast copy the card made for one subscribed port (datasheet §5.5), that port's link id (all copies
    /// carry the same group MAC, so this is how the host tells which guest a copy is for); null for any other frame.
    /// </summary>
    public uint? MulticastLinkId => (Flags & CompletionFlags.MulticastReplica) != 0 ? RssHash : null;
}

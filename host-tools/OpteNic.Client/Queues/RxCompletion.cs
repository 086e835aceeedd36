using OpteNic.Api.Abi;

namespace OpteNic.Client.Queues;

/// <summary>What the card wrote back for one received frame (datasheet §6.3), besides the bytes.</summary>
/// <param name="Length">Frame length in bytes.</param>
/// <param name="RssHash">Toeplitz hash the card computed (0 if none).</param>
/// <param name="Status">Outcome of the descriptor.</param>
/// <param name="Flags">Checksum-verified, hairpin.</param>
public readonly record struct RxCompletion(int Length, uint RssHash, CompletionStatus Status, CompletionFlags Flags);

namespace OpteNic.Client.Frames;

/// <summary>What <see cref="FramePump.Send"/> did with a source's frames.</summary>
/// <param name="FramesRead">Frames read from the source.</param>
/// <param name="Posted">Frames posted on the TX ring.</param>
/// <param name="TooLong">Frames skipped because they exceed the queue's buffers.</param>
/// <param name="CompletedOk">Completions with status Ok (sent to the wire or hairpinned).</param>
/// <param name="Dropped">Completions with status Dropped (the engine or a full wire queue dropped them).</param>
/// <param name="DmaFaults">Completions with status DmaFault.</param>
/// <param name="BadDescriptors">Completions with status BadDescriptor.</param>
/// <param name="Outstanding">Frames still not completed when the feeder stopped.</param>
/// <param name="Stalled">True if the card stopped completing frames before all were done.</param>
public sealed record SendReport(long FramesRead, long Posted, long TooLong, long CompletedOk, long Dropped, long DmaFaults, long BadDescriptors, int Outstanding, bool Stalled);

namespace OpteNic.Client.Mailbox;

/// <summary>A successful command's outcome.</summary>
/// <param name="Body">The response bytes the firmware wrote (postcard), empty if it wrote none.</param>
/// <param name="Sequence">The sequence id the command completed under.</param>
/// <param name="Tries">How many times it was posted (more than one after ENOBUFS growth).</param>
public sealed record CommandResponse(byte[] Body, uint Sequence, int Tries);

namespace OpteNic.Engine;

/// <summary>What became of one packet.</summary>
public enum ProcessOutcome : byte
{
    /// <summary>Emit the (possibly transformed) packet onward.</summary>
    Modified = 0,
    /// <summary>The packet is dropped; the reason was counted.</summary>
    Drop = 1,
    /// <summary>The buffer now holds a reply to send back the way the packet came; the original is dropped.</summary>
    Hairpin = 2,
    /// <summary>The port could not process the packet (e.g. not running); counted as a process error.</summary>
    Error = 3,
}

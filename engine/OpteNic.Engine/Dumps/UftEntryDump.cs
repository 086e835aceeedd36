namespace OpteNic.Engine.Dumps;

/// <summary>One UFT entry in dump-uft.</summary>
public sealed record UftEntryDump(string Protocol, string SrcIp, ushort SrcPort, string DstIp, ushort DstPort, long Hits,
    ulong Epoch, string Transforms);

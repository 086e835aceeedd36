namespace OpteNic.Engine.Dumps;

/// <summary>One UFT entry in dump-uft (<c>Epoch</c>: the low 32 bits of the port epoch it was made in, as the entry keeps them).</summary>
public sealed record UftEntryDump(string Protocol, string SrcIp, ushort SrcPort, string DstIp, ushort DstPort, long Hits,
    ulong Epoch, string Transforms);

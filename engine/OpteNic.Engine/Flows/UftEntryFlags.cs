namespace OpteNic.Engine.Flows;

/// <summary>Small facts about a UFT entry, packed in its hot line.</summary>
[Flags]
internal enum UftEntryFlags : ushort
{
    None = 0,
    /// <summary>A TCP flow (evictable; <see cref="UftEntry.Tcp"/> links its connection).</summary>
    Tcp = 1 << 0,
    /// <summary>The entry has dependency stamps, kept in the slot's second line.</summary>
    Dependencies = 1 << 1,
    /// <summary>Bits 2–3: the <see cref="UftTransformKind"/>.</summary>
    KindMask = 0b11 << 2,
}

namespace OpteNic.Client.Memory;

/// <summary>A range of host DMA memory: the address the card uses and its length in bytes.</summary>
/// <param name="Address">DMA address of the first byte.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct DmaRegion(ulong Address, ulong Length)
{
    /// <summary>One past the last byte.</summary>
    public ulong End => Address + Length;

    /// <summary>True if <paramref name="other"/> lies entirely inside this region.</summary>
    public bool Contains(DmaRegion other) => other.Address >= Address && other.End <= End && other.End >= other.Address;
}

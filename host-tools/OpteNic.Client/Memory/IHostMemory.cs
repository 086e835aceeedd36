namespace OpteNic.Client.Memory;

/// <summary>
/// Host memory the card can reach by DMA, addressed by the DMA (bus) address the card sees.
/// </summary>
/// <remarks>
/// <para>With the simulator, host memory is the file <c>DIR/hostmem</c> and a DMA address is a file offset
/// (<see cref="FileHostMemory"/>).</para>
/// <para>On a real card the host would pin memory and give the card I/O virtual addresses for it: open the device's
/// VFIO group, <c>mmap</c> an anonymous hugepage region (<c>MAP_HUGETLB</c>, or a file under a hugetlbfs mount), and
/// register it with <c>VFIO_IOMMU_MAP_DMA</c> at an IOVA the host chooses (for example 0, so that, as with the
/// simulator, DMA address = offset into the region). An implementation of this interface over that region is all
/// the rest of the client needs; it is not written yet because no real card exists.</para>
/// </remarks>
public interface IHostMemory : IDisposable
{
    /// <summary>Bytes of host memory, starting at DMA address 0.</summary>
    ulong Size { get; }

    /// <summary>The bytes at a DMA address. Throws if the range is not inside host memory.</summary>
    Span<byte> GetSpan(ulong dmaAddress, int length);

    /// <summary>
    /// The process address of <paramref name="region"/>, for rings and buffer pools that are touched per packet.
    /// Valid until this memory is disposed. Throws if the region is not inside host memory.
    /// </summary>
    nint GetPointer(DmaRegion region);

    /// <summary>Reads an aligned little-endian 32-bit word with acquire semantics (a ring's phase word).</summary>
    uint ReadVolatile32(ulong dmaAddress);

    /// <summary>Writes an aligned little-endian 32-bit word with release semantics.</summary>
    void WriteVolatile32(ulong dmaAddress, uint value);
}

namespace OpteNic.Client.Memory;

/// <summary>
/// First-fit allocator of DMA buffers inside one region of host memory (a queue pair's slice, or the mailbox slice).
/// Control-path only (rings and buffer pools are allocated once when a queue pair is opened); not thread-safe.
/// </summary>
public sealed class DmaAllocator
{
    private readonly List<DmaRegion> _free = [];
    private readonly Dictionary<ulong, ulong> _allocated = [];

    /// <summary>Manages <paramref name="region"/>, all of it free.</summary>
    public DmaAllocator(DmaRegion region)
    {
        Region = region;
        if (region.Length > 0)
        {
            _free.Add(region);
        }
    }

    /// <summary>The region handed out.</summary>
    public DmaRegion Region { get; }

    /// <summary>Bytes not allocated (possibly fragmented).</summary>
    public ulong FreeBytes
    {
        get
        {
            ulong total = 0;
            foreach (var block in _free)
            {
                total += block.Length;
            }

            return total;
        }
    }

    /// <summary>
    /// Allocates <paramref name="length"/> bytes aligned to <paramref name="alignment"/> (a power of two), or returns
    /// false when no free block is large enough.
    /// </summary>
    public bool TryAllocate(ulong length, ulong alignment, out DmaRegion allocation)
    {
        if (length == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "length must be non-zero and alignment a power of two");
        }

        for (var i = 0; i < _free.Count; i++)
        {
            var block = _free[i];
            var start = (block.Address + alignment - 1) & ~(alignment - 1);
            if (start < block.Address || start - block.Address > block.Length || block.End - start < length)
            {
                continue;
            }

            allocation = new DmaRegion(start, length);
            _free.RemoveAt(i);
            // Keep the padding before and the tail after as free blocks, in address order.
            if (allocation.End < block.End)
            {
                _free.Insert(i, new DmaRegion(allocation.End, block.End - allocation.End));
            }

            if (start > block.Address)
            {
                _free.Insert(i, new DmaRegion(block.Address, start - block.Address));
            }

            _allocated.Add(start, length);
            return true;
        }

        allocation = default;
        return false;
    }

    /// <summary>Allocates or throws <see cref="InsufficientMemoryException"/> naming what was asked for.</summary>
    public DmaRegion Allocate(ulong length, ulong alignment = 64, string purpose = "buffer")
    {
        if (!TryAllocate(length, alignment, out var allocation))
        {
            throw new InsufficientMemoryException($"host DMA memory: no room for a {length}-byte {purpose} in region 0x{Region.Address:x}+{Region.Length} ({FreeBytes} bytes free)");
        }

        return allocation;
    }

    /// <summary>Returns an allocation; adjacent free blocks merge.</summary>
    public void Free(DmaRegion allocation)
    {
        if (!_allocated.TryGetValue(allocation.Address, out var length) || length != allocation.Length)
        {
            throw new ArgumentException($"0x{allocation.Address:x}+{allocation.Length} was not allocated here", nameof(allocation));
        }

        _allocated.Remove(allocation.Address);
        var index = 0;
        while (index < _free.Count && _free[index].Address < allocation.Address)
        {
            index++;
        }

        _free.Insert(index, allocation);
        if (index + 1 < _free.Count && _free[index].End == _free[index + 1].Address)
        {
            _free[index] = new DmaRegion(_free[index].Address, _free[index].Length + _free[index + 1].Length);
            _free.RemoveAt(index + 1);
        }

        if (index > 0 && _free[index - 1].End == _free[index].Address)
        {
            _free[index - 1] = new DmaRegion(_free[index - 1].Address, _free[index - 1].Length + _free[index].Length);
            _free.RemoveAt(index);
        }
    }
}

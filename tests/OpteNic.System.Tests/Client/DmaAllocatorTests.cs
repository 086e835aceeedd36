using OpteNic.Client.Memory;

namespace OpteNic.System.Tests.Client;

public sealed class DmaAllocatorTests
{
    [Fact]
    public void Allocations_are_aligned_disjoint_and_inside_the_region()
    {
        var region = new DmaRegion(0x10_0000, 64 * 1024);
        var allocator = new DmaAllocator(region);
        var taken = new List<DmaRegion>();
        foreach (var (length, alignment) in new (ulong, ulong)[] { (100, 64), (4096, 4096), (1, 1), (3000, 256), (16, 16) })
        {
            var allocation = allocator.Allocate(length, alignment);
            Assert.Equal(0UL, allocation.Address % alignment);
            Assert.Equal(length, allocation.Length);
            Assert.True(region.Contains(allocation), $"{allocation} outside {region}");
            Assert.All(taken, other => Assert.True(allocation.End <= other.Address || other.End <= allocation.Address, $"{allocation} overlaps {other}"));
            taken.Add(allocation);
        }
    }

    [Fact]
    public void Freed_blocks_merge_back_into_one()
    {
        var region = new DmaRegion(0, 8192);
        var allocator = new DmaAllocator(region);
        var a = allocator.Allocate(1000, 64);
        var b = allocator.Allocate(1000, 64);
        var c = allocator.Allocate(1000, 64);
        allocator.Free(b);
        allocator.Free(a);
        allocator.Free(c);
        Assert.Equal(region.Length, allocator.FreeBytes);
        var whole = allocator.Allocate(8192, 1);
        Assert.Equal(region, whole);
    }

    [Fact]
    public void Exhaustion_is_reported_not_overlapped()
    {
        var allocator = new DmaAllocator(new DmaRegion(0, 4096));
        Assert.True(allocator.TryAllocate(4000, 64, out _));
        Assert.False(allocator.TryAllocate(200, 64, out _));
        var error = Assert.Throws<InsufficientMemoryException>(() => allocator.Allocate(200, 64, "TX ring"));
        Assert.Contains("TX ring", error.Message);
    }

    [Fact]
    public void Freeing_what_was_not_allocated_is_refused()
    {
        var allocator = new DmaAllocator(new DmaRegion(0, 4096));
        var a = allocator.Allocate(128, 64);
        Assert.Throws<ArgumentException>(() => allocator.Free(new DmaRegion(a.Address, 64)));
        allocator.Free(a);
        Assert.Throws<ArgumentException>(() => allocator.Free(a));
    }
}

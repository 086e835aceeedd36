using OpteNic.HwSim.Memory;

namespace OpteNic.Card.Tests.HwSim;

public sealed class MappedDmaEngineTests
{
    [Theory]
    [InlineData(0UL, 4096UL, true)]
    [InlineData(4095UL, 1UL, true)]
    [InlineData(4096UL, 0UL, true)]
    [InlineData(4096UL, 1UL, false)]
    [InlineData(4000UL, 97UL, false)]
    [InlineData(ulong.MaxValue, 2UL, false)]
    [InlineData(1UL, ulong.MaxValue, false)]
    public void Contains_is_exact_at_the_edges_and_overflow_safe(ulong address, ulong length, bool inside)
    {
        using var region = MemoryRegion.AllocateZeroed(4096);
        var dma = new MappedDmaEngine(region);
        Assert.Equal(inside, dma.Contains(address, length));
    }

    [Fact]
    public void Out_of_range_accesses_return_false_touch_nothing_and_are_counted()
    {
        using var region = MemoryRegion.AllocateZeroed(4096);
        var dma = new MappedDmaEngine(region);
        Assert.False(dma.TryWrite(4090, new byte[7]));
        Assert.False(dma.TryRead(ulong.MaxValue - 1, new byte[4]));
        Assert.False(dma.TryWrite32Release(4094, 1));
        Assert.False(dma.TryWrite32Release(2, 1)); // misaligned
        Assert.False(dma.TryRead32Acquire(4096, out _));
        Assert.Equal(5, dma.Faults);
        var all = new byte[4096];
        Assert.True(dma.TryRead(0, all));
        Assert.All(all, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_file_mapping_is_shared_with_a_second_mapping_of_the_same_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opte-hostmem-{Guid.NewGuid():N}");
        try
        {
            using var device = MemoryRegion.CreateFile(path, 8192);
            using var host = MemoryRegion.MapFile(path, 8192);
            var deviceDma = new MappedDmaEngine(device);
            var hostDma = new MappedDmaEngine(host);
            Assert.True(hostDma.TryWrite(100, [1, 2, 3]));
            var read = new byte[3];
            Assert.True(deviceDma.TryRead(100, read));
            Assert.Equal(new byte[] { 1, 2, 3 }, read);
            Assert.True(deviceDma.TryWrite32Release(4096, 0xA1B2C3D4));
            Assert.True(hostDma.TryRead32Acquire(4096, out var word));
            Assert.Equal(0xA1B2C3D4, word);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using OpteNic.Client.Memory;

namespace OpteNic.System.Tests.Client;

public sealed class HostMemoryLayoutTests
{
    [Theory]
    [InlineData(64L * 1024 * 1024, 4)]
    [InlineData(64L * 1024 * 1024, 64)]
    [InlineData(8L * 1024 * 1024, 4)]
    [InlineData(3L * 1024 * 1024, 1)]
    public void Slices_are_disjoint_page_aligned_and_inside_host_memory(long size, int queuePairs)
    {
        var layout = new HostMemoryLayout((ulong)size, queuePairs, 64 * 1024, 1024 * 1024);
        var slices = new List<DmaRegion> { layout.Mailbox };
        for (var q = 0; q < queuePairs; q++)
        {
            slices.Add(layout.QueuePair(q));
        }

        Assert.Equal(0UL, layout.Mailbox.Address);
        foreach (var slice in slices)
        {
            Assert.Equal(0UL, slice.Address % HostMemoryLayout.SliceAlignment);
            Assert.True(slice.End <= (ulong)size, $"{slice} beyond {size}");
            Assert.True(slice.Length > 0);
        }

        for (var i = 1; i < slices.Count; i++)
        {
            Assert.True(slices[i - 1].End <= slices[i].Address, $"{slices[i - 1]} overlaps {slices[i]}");
        }
    }

    [Fact]
    public void Mailbox_gets_the_first_two_mebibytes_the_datasheet_recommends()
    {
        var layout = new HostMemoryLayout(64UL * 1024 * 1024, 4, 64 * 1024, 1024 * 1024);
        Assert.Equal(new DmaRegion(0, 2 * 1024 * 1024), layout.Mailbox);
        Assert.Equal(2UL * 1024 * 1024, layout.QueuePair(0).Address);
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.QueuePair(4));
    }
}

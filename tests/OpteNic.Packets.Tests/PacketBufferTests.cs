namespace OpteNic.Packets.Tests;

/// <summary>Where a <see cref="PacketBuffer"/> keeps its frame.</summary>
public sealed class PacketBufferTests
{
    /// <summary>
    /// A frame at the default headroom starts on a cache line whatever the buffer's capacity and wherever the GC put
    /// earlier objects, and stays there across collections (the storage is pinned), as a NIC's DMA buffers do.
    /// </summary>
    [Fact]
    public void Frame_at_the_default_headroom_starts_on_a_cache_line()
    {
        var buffers = new List<PacketBuffer>();
        var garbage = new List<byte[]>();
        for (int i = 0; i < 40; i++)
        {
            garbage.Add(new byte[1 + (i * 7)]);
            buffers.Add(new PacketBuffer(256 + (i * 13)));
        }

        garbage.Clear();
        for (int round = 0; round < 2; round++)
        {
            foreach (PacketBuffer buffer in buffers)
            {
                Assert.True(buffer.TryLoad(new byte[60]));
                Assert.Equal(0, AddressOf(buffer.Frame) & 63);
                Assert.Equal(buffer.Capacity - PacketBuffer.DefaultHeadroom, buffer.WritableFromStart.Length);
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private static unsafe long AddressOf(Span<byte> span)
    {
        fixed (byte* first = span)
        {
            return (long)first;
        }
    }
}

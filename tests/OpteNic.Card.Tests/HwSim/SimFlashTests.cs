using OpteNic.HwSim.Devices;

namespace OpteNic.Card.Tests.HwSim;

public sealed class SimFlashTests
{
    [Fact]
    public void Writes_only_clear_bits_and_erase_restores_0xFF()
    {
        using var flash = SimFlash.CreateInMemory(blockSize: 256, blockCount: 4);
        Assert.True(flash.TryWrite(10, [0xF0, 0x0F]));
        Assert.True(flash.TryWrite(10, [0x3C, 0xFF]));
        var read = new byte[2];
        Assert.True(flash.TryRead(10, read));
        Assert.Equal(new byte[] { 0x30, 0x0F }, read);

        Assert.True(flash.TryErase(0));
        Assert.True(flash.TryRead(10, read));
        Assert.Equal(new byte[] { 0xFF, 0xFF }, read);
    }

    [Fact]
    public void Out_of_range_calls_return_false()
    {
        using var flash = SimFlash.CreateInMemory(blockSize: 256, blockCount: 4);
        Assert.False(flash.TryErase(4));
        Assert.False(flash.TryErase(-1));
        Assert.False(flash.TryWrite(1023, [1, 2]));
        Assert.False(flash.TryRead(-1, new byte[1]));
        Assert.True(flash.TryRead(1022, new byte[2]));
    }

    [Fact]
    public void A_file_backed_flash_keeps_its_contents_across_opens()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opte-flash-{Guid.NewGuid():N}");
        try
        {
            using (var flash = SimFlash.OpenFile(path, 256, 4))
            {
                Assert.True(flash.TryWrite(300, [0x12, 0x34]));
            }

            using (var again = SimFlash.OpenFile(path, 256, 4))
            {
                var read = new byte[3];
                Assert.True(again.TryRead(300, read));
                Assert.Equal(new byte[] { 0x12, 0x34, 0xFF }, read);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using OpteNic.Api.Abi;
using OpteNic.HwSim;
using OpteNic.HwSim.Memory;

namespace OpteNic.Card.Tests.HwSim;

public sealed class SimulatedCardTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"opte-card-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void A_state_directory_card_publishes_bar0_and_hostmem_files_a_second_process_can_map()
    {
        using var card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 1024 * 1024 });
        Assert.Equal(Bar0.Size, new FileInfo(Path.Combine(_dir, SimulatedCard.Bar0FileName)).Length);
        Assert.Equal(1024 * 1024, new FileInfo(Path.Combine(_dir, SimulatedCard.HostMemoryFileName)).Length);
        Assert.True(File.Exists(Path.Combine(_dir, SimulatedCard.FlashFileName)));

        using var hostView = MemoryRegion.MapFile(Path.Combine(_dir, SimulatedCard.Bar0FileName), Bar0.Size);
        var host = new MappedRegisterBlock(hostView);
        card.Bar.Write32(Bar0.Heartbeat, 1234);
        Assert.Equal(1234u, host.Read32(Bar0.Heartbeat));
        host.Write32(Bar0.MailboxSequence, 77);
        Assert.Equal(77u, card.Bar.Read32(Bar0.MailboxSequence));
    }

    [Fact]
    public void A_second_card_on_the_same_state_directory_is_refused()
    {
        using var first = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 1024 * 1024 });
        var error = Assert.Throws<IOException>(() => SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 1024 * 1024 }));
        Assert.Contains("another simulator", error.Message);
    }

    [Fact]
    public void Power_on_zeroes_bar0_and_hostmem_but_flash_survives()
    {
        using (var card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 1024 * 1024 }))
        {
            card.Bar.Write32(Bar0.Heartbeat, 5);
            Assert.True(card.Dma.TryWrite(100, [1, 2, 3]));
            Assert.True(card.SimFlash.TryWrite(0, [0x00]));
            card.PowerOff();
            Assert.Equal((uint)FirmwareState.Offline, card.Bar.Read32(Bar0.FirmwareState));
        }

        using var again = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 1024 * 1024 });
        Assert.Equal(0u, again.Bar.Read32(Bar0.Heartbeat));
        var bytes = new byte[3];
        Assert.True(again.Dma.TryRead(100, bytes));
        Assert.Equal(new byte[3], bytes);
        var flash = new byte[1];
        Assert.True(again.SimFlash.TryRead(0, flash));
        Assert.Equal(0x00, flash[0]);
    }
}

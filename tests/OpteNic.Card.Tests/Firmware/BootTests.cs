using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Firmware;

namespace OpteNic.Card.Tests.Firmware;

public sealed class BootTests
{
    [Fact]
    public void Boot_publishes_identity_and_capabilities_then_READY()
    {
        using var card = new CardHarness(queues: 4, cores: 2);

        Assert.Equal(Bar0.SignatureValue, card.Read(Bar0.Signature));
        Assert.Equal(((uint)Bar0.AbiMajor << 16) | Bar0.AbiMinor, card.Read(Bar0.AbiVersion));
        Assert.Equal(FirmwareVersion.Encoded, card.Read(Bar0.FirmwareVersion));
        Assert.Equal((uint)FirmwareState.Ready, card.Read(Bar0.FirmwareState));
        Assert.Equal(4u, card.Read(Bar0.CapHostQueuePairs));
        Assert.Equal(2u, card.Read(Bar0.CapNicCores));
        Assert.Equal(1u, card.Read(Bar0.CapWirePorts));
        Assert.Equal(4u, card.Read(Bar0.CapWireQueuePairs));
        Assert.Equal(64u * 1024, card.Read(Bar0.CapMaxRequest));
        Assert.Equal(1024u * 1024, card.Read(Bar0.CapMaxResponse));
        Assert.Equal(ApiVersion.Current, card.Bar.Read64(Bar0.OpteApiVersion));
        Assert.Equal((ulong)CardHarness.HostMemoryBytes, card.Bar.Read64(Bar0.HostMemorySize));
        Assert.Equal((uint)ResetCause.PowerOn, card.Read(Bar0.ResetCause));
        Assert.Equal(1u, card.Read(Bar0.BootCount));
        Assert.Equal((uint)CapabilityFlags.Rss, card.Read(Bar0.CapFlags) & (uint)CapabilityFlags.Rss);
        Assert.Equal((uint)MailboxControl.Idle, card.Read(Bar0.MailboxControl));
    }

    [Fact]
    public void Boot_writes_the_default_RSS_key_and_a_round_robin_table()
    {
        using var card = new CardHarness(queues: 4);
        var key = new byte[Bar0.RssKeyBytes];
        card.Bar.ReadBytes(Bar0.RssKey, key);
        Assert.Equal(RssDefaults.Key.ToArray(), key);
        var table = new byte[card.Read(Bar0.CapRssTableEntries)];
        card.Bar.ReadBytes(Bar0.RssIndirectionTable, table);
        for (var i = 0; i < table.Length; i++)
        {
            Assert.Equal(i % 4, table[i]);
        }
    }

    [Fact]
    public void Heartbeat_advances_once_per_period_and_kicks_the_watchdog()
    {
        using var card = new CardHarness();
        var before = card.Read(Bar0.Heartbeat);
        var kicks = card.Card.SimWatchdog.Kicks;

        card.Step();
        Assert.Equal(before, card.Read(Bar0.Heartbeat));

        for (var period = 1; period <= 3; period++)
        {
            card.Clock.AdvanceMilliseconds(100);
            card.Step();
            Assert.Equal(before + (uint)period, card.Read(Bar0.Heartbeat));
        }

        Assert.Equal(kicks + 3, card.Card.SimWatchdog.Kicks);
        Assert.False(card.Card.SimWatchdog.HasExpired);
    }

    [Fact]
    public void A_core_that_stops_iterating_stops_the_heartbeat_and_lets_the_watchdog_expire()
    {
        using var card = new CardHarness(queues: 2, cores: 2);
        card.Step();

        // From now on only the management loop and core 0 run; core 1 is "stuck". The first period still sees the
        // iteration core 1 made before it stopped.
        void StuckPeriod()
        {
            card.Clock.AdvanceMilliseconds(100);
            card.Firmware.Management.RunOnce();
            card.Firmware.Cores[0].RunOnce();
        }

        StuckPeriod();
        var heartbeat = card.Read(Bar0.Heartbeat);
        for (var period = 0; period < 60; period++)
        {
            StuckPeriod();
        }

        Assert.Equal(heartbeat, card.Read(Bar0.Heartbeat));
        Assert.True(card.Firmware.Management.MissedHeartbeats >= 60);
        Assert.True(card.Card.SimWatchdog.HasExpired);
        Assert.Equal(card.Firmware.Options.WatchdogTimeoutMilliseconds, card.Card.SimWatchdog.TimeoutMilliseconds);
    }

    [Fact]
    public void Board_temperature_is_read_from_the_LM75_and_published_in_millidegrees()
    {
        using var card = new CardHarness();
        card.Card.Lm75.Celsius = 57.5;
        card.Clock.AdvanceMilliseconds(1000);
        card.Step();
        Assert.Equal(57_500, (int)card.Read(Bar0.BoardTemperatureMilliC));

        card.Card.Lm75.Celsius = -10.5;
        card.Clock.AdvanceMilliseconds(1000);
        card.Step();
        Assert.Equal(-10_500, (int)card.Read(Bar0.BoardTemperatureMilliC));
    }

    [Fact]
    public void Link_LED_is_on_and_activity_LED_blinks_only_while_frames_move()
    {
        using var card = new CardHarness(queues: 1);
        card.Clock.AdvanceMilliseconds(100);
        card.Step();
        Assert.Equal(System.Device.Gpio.PinValue.High, card.Card.GpioDriver.ValueOf(Hal.BoardPins.LinkLed(0)));
        var activity = Hal.BoardPins.ActivityLed(0);
        var idleChanges = card.Card.GpioDriver.ChangesOf(activity);

        card.Clock.AdvanceMilliseconds(100);
        card.Step();
        Assert.Equal(idleChanges, card.Card.GpioDriver.ChangesOf(activity));

        card.EnableRing(0, transmit: false, 8, CardHarness.RingArea, CardHarness.RingArea + 0x1000);
        card.Wire.Send(TestFrames.Udp(1, 2));
        card.Step();
        card.Clock.AdvanceMilliseconds(100);
        card.Step();
        Assert.Equal(idleChanges + 1, card.Card.GpioDriver.ChangesOf(activity));
        Assert.Equal(1u, card.Read(Bar0.WirePortRegister(0, Bar0.WirePort.RxFrames)));
    }
}

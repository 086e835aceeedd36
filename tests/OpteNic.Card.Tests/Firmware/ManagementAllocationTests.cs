using OpteNic.Api.Abi;
using OpteNic.Card.Tests.Commands;
using OpteNic.Tests.Shared;

namespace OpteNic.Card.Tests.Firmware;

public sealed class ManagementAllocationTests
{
    /// <summary>
    /// The management loop runs forever beside the NIC cores: heartbeats, watchdog kicks, LED and temperature updates
    /// must allocate nothing, or a long-running card would feed the GC from its own housekeeping.
    /// </summary>
    [Fact]
    public void Heartbeats_and_housekeeping_allocate_nothing()
    {
        using var card = new CardHarness(queues: 1);
        AssertHousekeepingAllocatesNothing(card);
    }

    /// <summary>The same with a VPC port bound, so every second's flow-expiry pass walks a real port.</summary>
    [Fact]
    public void Flow_expiry_passes_over_a_bound_port_allocate_nothing()
    {
        using var card = new CommandCard().WithPeerRoute();
        var expiriesBefore = card.Firmware.Management.ExpiryPasses;
        AssertHousekeepingAllocatesNothing(card.Harness);
        Assert.True(card.Firmware.Management.ExpiryPasses - expiriesBefore >= 50, "expiry must run once a second");
    }

    private static void AssertHousekeepingAllocatesNothing(CardHarness card)
    {
        var beatsBefore = card.Read(Bar0.Heartbeat);
        long periods = 0;

        void Period()
        {
            card.Clock.AdvanceMilliseconds(100);
            card.Step();
            periods++;
        }

        var allocated = SteadyState.AllocatedBytes(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                Period();
            }
        });

        // One beat per 100 ms period, give or take the first (boot) period.
        Assert.True(card.Read(Bar0.Heartbeat) - beatsBefore >= (uint)periods - 1, "the heartbeat must advance every period");
        Assert.Equal(0, allocated);
    }
}

using OpteNic.Api;
using OpteNic.Api.Abi;

namespace OpteNic.Card.Tests.Firmware;

public sealed class FunctionLevelResetTests
{
    [Fact]
    public void Reset_stops_queues_releases_a_stuck_slot_and_comes_back_READY()
    {
        using var card = new CardHarness(queues: 2);
        Assert.Equal(QueueStatus.Enabled, card.EnableRing(0, transmit: true, 8, CardHarness.RingArea, CardHarness.RingArea + 0x1000));

        // A host posted a command and gave up; then it resets the function.
        card.Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Posted);
        card.Bar.Write32(Bar0.ResetControl, (uint)ResetRequest.FunctionLevelReset);
        card.Firmware.Management.RunOnce();
        Assert.Equal((uint)FirmwareState.Booting, card.Read(Bar0.FirmwareState));
        Assert.Equal((uint)MailboxControl.Idle, card.Read(Bar0.MailboxControl));

        card.Step(3);

        Assert.Equal((uint)ResetRequest.None, card.Read(Bar0.ResetControl));
        Assert.Equal((uint)FirmwareState.Ready, card.Read(Bar0.FirmwareState));
        Assert.Equal((uint)ResetCause.HostRequest, card.Read(Bar0.ResetCause));
        Assert.Equal(2u, card.Read(Bar0.BootCount));
        Assert.Equal((uint)QueueStatus.Disabled, card.Read(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));
        Assert.Equal((uint)QueueControl.Disabled, card.Read(Bar0.QueueRegister(0, Bar0.Queue.TxControl)));
        Assert.Equal(1, card.Firmware.Management.FunctionLevelResets);

        // The slot works again.
        var outcome = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []);
        Assert.Equal(0, outcome.Status);

        // And the queue can be enabled again.
        Assert.Equal(QueueStatus.Enabled, card.EnableRing(0, transmit: true, 8, CardHarness.RingArea, CardHarness.RingArea + 0x1000));
    }

    [Fact]
    public void A_command_posted_while_resetting_is_answered_EBUSY_NotReady()
    {
        using var card = new CardHarness();
        card.Bar.Write32(Bar0.ResetControl, (uint)ResetRequest.FunctionLevelReset);
        card.Firmware.Management.RunOnce();
        Assert.Equal((uint)FirmwareState.Booting, card.Read(Bar0.FirmwareState));

        // Post directly (the harness would step the cores and finish the reset first).
        Span<byte> raw = stackalloc byte[OpteCmdIoctl.Size];
        CardHarness.Envelope(OpteCmd.Info, 0).WriteTo(raw);
        card.Bar.WriteBytes(Bar0.MailboxEnvelope, raw);
        card.Bar.Write32(Bar0.MailboxSequence, 7);
        card.Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Posted);
        card.Firmware.Management.RunOnce();

        Assert.Equal((uint)MailboxControl.Done, card.Read(Bar0.MailboxControl));
        Assert.Equal(7u, card.Read(Bar0.MailboxCompletionSequence));
        Assert.Equal(16u, card.Read(Bar0.MailboxStatus));
        Assert.Equal((uint)MailboxSyndrome.NotReady, card.Read(Bar0.MailboxSyndrome));
    }
}

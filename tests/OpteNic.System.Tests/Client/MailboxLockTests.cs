using OpteNic.Api.Abi;
using OpteNic.Client.Native;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.Client;

/// <summary>
/// Two host processes never interleave on the mailbox: whoever holds the byte-range lock on the mailbox registers of
/// the BAR file owns the slot; the other waits, then gives up with EBUSY (exit 8) without touching the slot.
/// </summary>
public sealed class MailboxLockTests
{
    [Fact]
    public void Another_process_holding_the_mailbox_lock_makes_opteadm_wait_then_report_busy()
    {
        using var card = new FakeCard();
        using var bar = MappedFile.Open(card.BarPath, Bar0.Size);
        using (var held = RegionLock.TryAcquire(bar.Handle, Bar0.MailboxControl, Bar0.InterruptCause - Bar0.MailboxControl, TimeSpan.Zero))
        {
            Assert.NotNull(held);
            var result = Tool.Run(["-d", card.Directory, "--timeout-ms", "300", "version"]);
            Assert.True(result.ExitCode == 8, result.ToString());
            Assert.Contains("kept the mailbox lock", result.StandardError);
            Assert.Equal(MailboxControl.Idle, card.Slot);
            Assert.Equal(0u, card.Read32(Bar0.MailboxSequence));
        }

        // Lock released: the command is posted (and, with no firmware behind the fake card, times out).
        var after = Tool.Run(["-d", card.Directory, "--timeout-ms", "200", "version"]);
        Assert.True(after.ExitCode == 9, after.ToString());
        Assert.Equal(1u, card.Read32(Bar0.MailboxSequence));
    }

    [Fact]
    public void Region_locks_exclude_other_handles_in_the_same_process_and_leave_other_ranges_free()
    {
        using var card = new FakeCard();
        using var first = MappedFile.Open(card.BarPath, Bar0.Size);
        using var second = MappedFile.Open(card.BarPath, Bar0.Size);

        using var mailbox = RegionLock.TryAcquire(first.Handle, 0x200, 0x100, TimeSpan.Zero);
        Assert.NotNull(mailbox);
        Assert.Null(RegionLock.TryAcquire(second.Handle, 0x200, 0x100, TimeSpan.FromMilliseconds(50)));
        Assert.Null(RegionLock.TryAcquire(second.Handle, 0x280, 0x10, TimeSpan.Zero)); // overlapping range

        using (var queuePair = RegionLock.TryAcquire(second.Handle, Bar0.QueueRegister(0, 0), Bar0.QueuePairStride, TimeSpan.Zero))
        {
            Assert.NotNull(queuePair);
        }

        mailbox!.Dispose();
        using var again = RegionLock.TryAcquire(second.Handle, 0x200, 0x100, TimeSpan.Zero);
        Assert.NotNull(again);
    }
}

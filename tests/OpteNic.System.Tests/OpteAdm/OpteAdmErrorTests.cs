using OpteNic.Api.Abi;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.OpteAdm;

/// <summary>
/// opteadm against things that are not a working card: each failure is said in words and has its own exit code
/// (host-tools/README.md). The cards here are real BAR files with no firmware behind them (<see cref="FakeCard"/>).
/// </summary>
public sealed class OpteAdmErrorTests
{
    // Exit codes as documented in host-tools/README.md; written out so that renumbering one fails here.
    private const int Usage = 2;
    private const int DeviceNotFound = 3;
    private const int NotACard = 5;
    private const int AbiMismatch = 6;
    private const int NotReady = 7;
    private const int Busy = 8;
    private const int Timeout = 9;

    [Fact]
    public void Missing_path_is_device_not_found()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("no-such-state");
        var result = Tool.Run(["-d", missing, "version"]);
        Assert.True(result.ExitCode == DeviceNotFound, result.ToString());
        Assert.Contains("no such device", result.StandardError);
        Assert.Contains(missing, result.StandardError);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void No_device_given_says_how_to_give_one()
    {
        var result = Tool.Run(["version"]);
        Assert.True(result.ExitCode == DeviceNotFound, result.ToString());
        Assert.Contains("OPTE_DEVICE", result.StandardError);
    }

    [Fact]
    public void Device_can_come_from_the_environment()
    {
        using var card = new FakeCard(FirmwareState.Booting);
        var result = Tool.Run(["version"], environment: new Dictionary<string, string> { ["OPTE_DEVICE"] = card.Directory });
        Assert.True(result.ExitCode == NotReady, result.ToString());
    }

    [Fact]
    public void Directory_without_a_bar_is_device_not_found()
    {
        using var temp = new TempDirectory();
        var result = Tool.Run(["-d", temp.Path, "status"]);
        Assert.True(result.ExitCode == DeviceNotFound, result.ToString());
        Assert.Contains("neither bar0", result.StandardError);
    }

    [Fact]
    public void File_of_random_bytes_is_not_a_card()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bar0");
        var bytes = new byte[Bar0.Size];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x12; // make sure the signature is wrong
        File.WriteAllBytes(path, bytes);

        var result = Tool.Run(["-d", path, "version"]);
        Assert.True(result.ExitCode == NotACard, result.ToString());
        Assert.Contains("is not an opte-nic", result.StandardError);
        Assert.Contains("signature", result.StandardError);
    }

    [Fact]
    public void File_smaller_than_a_bar_is_not_a_card()
    {
        using var temp = new TempDirectory();
        var path = temp.File("notes.txt");
        File.WriteAllText(path, "hello");
        var result = Tool.Run(["-d", path, "status"]);
        Assert.True(result.ExitCode == NotACard, result.ToString());
        Assert.Contains("5 bytes", result.StandardError);
    }

    [Theory]
    [InlineData(FirmwareState.Booting, "BOOTING")]
    [InlineData(FirmwareState.Fatal, "FATAL")]
    [InlineData(FirmwareState.Updating, "UPDATING")]
    [InlineData(FirmwareState.Offline, "OFFLINE")]
    public void Firmware_not_ready_names_the_state_and_still_shows_identity(FirmwareState state, string name)
    {
        using var card = new FakeCard(state);
        var result = Tool.Run(["-d", card.Directory, "version"]);
        Assert.True(result.ExitCode == NotReady, result.ToString());
        Assert.Contains($"firmware is {name}", result.StandardError);
        Assert.Contains("not READY", result.StandardError);
        // Display-only fallback: the identity registers, marked as such.
        Assert.Contains("firmware version:  0.3.2+build.1 (register", result.StandardOutput);
        // Nothing was posted to a card that is not READY.
        Assert.Equal(MailboxControl.Idle, card.Slot);
        Assert.Equal(0u, card.Read32(Bar0.MailboxSequence));
    }

    [Fact]
    public void Abi_major_mismatch_is_refused_before_posting()
    {
        using var card = new FakeCard(abiMajor: Bar0.AbiMajor + 1);
        var result = Tool.Run(["-d", card.Directory, "version"]);
        Assert.True(result.ExitCode == AbiMismatch, result.ToString());
        Assert.Contains($"card speaks {Bar0.AbiMajor + 1}.{Bar0.AbiMinor}", result.StandardError);
        Assert.Contains($"this tool speaks {Bar0.AbiMajor}.{Bar0.AbiMinor}", result.StandardError);
        Assert.Equal(MailboxControl.Idle, card.Slot);
    }

    [Fact]
    public void Firmware_that_never_answers_times_out_then_the_slot_is_not_reused()
    {
        using var card = new FakeCard(timeoutMs: 300);

        var first = Tool.Run(["-d", card.Directory, "version"]);
        Assert.True(first.ExitCode == Timeout, first.ToString());
        Assert.Contains("ETIMEDOUT: no completion for sequence 1", first.StandardError);
        Assert.Contains("heartbeat stalled", first.StandardError);
        Assert.Equal(MailboxControl.Posted, card.Slot);

        // The slot still belongs to the firmware: the next command must not touch it.
        var second = Tool.Run(["-d", card.Directory, "version"]);
        Assert.True(second.ExitCode == Busy, second.ToString());
        Assert.Contains("EBUSY: the mailbox slot is still owned by the firmware", second.StandardError);
        Assert.Equal(1u, card.Read32(Bar0.MailboxSequence));
        Assert.Equal(MailboxControl.Posted, card.Slot);

        // The firmware finally completes the old command: that completion is stray, released, and the next command
        // is posted with a new sequence id (and, with nobody behind this BAR, times out again).
        card.CompleteLate();
        var third = Tool.Run(["-d", card.Directory, "--timeout-ms", "200", "version"]);
        Assert.True(third.ExitCode == Timeout, third.ToString());
        Assert.Contains("no completion for sequence 2", third.StandardError);
        Assert.Equal(2u, card.Read32(Bar0.MailboxSequence));
    }

    [Fact]
    public void Reset_of_a_card_with_no_firmware_times_out()
    {
        using var card = new FakeCard();
        var result = Tool.Run(["-d", card.Directory, "--timeout-ms", "300", "reset"]);
        Assert.True(result.ExitCode == Timeout, result.ToString());
        Assert.Contains("function-level reset", result.StandardError);
        Assert.Equal((uint)ResetRequest.FunctionLevelReset, card.Read32(Bar0.ResetControl));
    }

    [Fact]
    public void Unknown_subcommand_is_a_usage_error()
    {
        var result = Tool.Run(["frobnicate"]);
        Assert.True(result.ExitCode == Usage, result.ToString());
        Assert.Contains("frobnicate", result.StandardError);
    }
}

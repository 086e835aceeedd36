using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Firmware;

namespace OpteNic.Card.Tests.Firmware;

/// <summary>The command path of datasheet §4, driven through BAR0 registers and host memory as a host would.</summary>
public sealed class MailboxTests
{
    [Fact]
    public void Info_round_trip_returns_firmware_api_and_board_versions()
    {
        using var card = new CardHarness();
        var outcome = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []);

        Assert.Equal(0, outcome.Status);
        Assert.Equal(MailboxSyndrome.None, outcome.Syndrome);
        Assert.Equal(OpteCmdIoctl.FlagResponseWritten, outcome.Envelope.Flags);
        Assert.Equal((ulong)outcome.Body.Length, outcome.Envelope.ResponseLengthActual);
        Assert.True(PostcardSerializer.TryDeserialize<InfoResp>(outcome.Body, out var info, out var error), error.ToString());
        Assert.Equal(FirmwareVersion.Text, info.FirmwareVersion);
        Assert.Equal(ApiVersion.Current, info.ApiVersion);
        Assert.Equal(Bar0.AbiMajor, info.MailboxAbiMajor);
        Assert.Equal(Bar0.AbiMinor, info.MailboxAbiMinor);
        Assert.Equal("opte-nic-sim", info.BoardName);
        Assert.Equal("A", info.BoardRevision);
        Assert.Equal(1, card.Firmware.Management.Mailbox.CommandsServed);
    }

    [Fact]
    public void Mailbox_completion_raises_the_mailbox_interrupt_cause()
    {
        using var card = new CardHarness();
        card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []);
        Assert.NotEqual(0u, card.Read(Bar0.InterruptCause) & (1u << 31));
    }

    public static TheoryData<string> Faults => ["api", "e2big", "garbage", "unknown", "reqfault", "respfault", "enobufs"];

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_fault_gets_its_errno_syndrome_and_error_and_the_next_command_succeeds(string fault)
    {
        using var card = new CardHarness();
        var envelope = CardHarness.Envelope(OpteCmd.Info, 0);
        byte[] request = [];
        int expectedStatus;
        MailboxSyndrome expectedSyndrome;
        Action<OpteError?> checkError;

        switch (fault)
        {
            case "api":
                envelope.ApiVersion = ApiVersion.Current + 1;
                expectedStatus = Errno.EPROTO;
                expectedSyndrome = MailboxSyndrome.BadApiVersion;
                checkError = e => Assert.Equal(new OpteError.BadApiVersion(ApiVersion.Current + 1, ApiVersion.Current), e);
                break;
            case "e2big":
                envelope.RequestLength = card.Read(Bar0.CapMaxRequest) + 1UL;
                expectedStatus = 7;
                expectedSyndrome = MailboxSyndrome.RequestTooLarge;
                checkError = e => Assert.Equal(7, Assert.IsType<OpteError.System>(e).SystemErrno);
                break;
            case "garbage":
                request = [0xFF, 0xFF, 0xFF, 0x13];
                envelope.RequestLength = (ulong)request.Length;
                expectedStatus = Errno.ENOMSG;
                expectedSyndrome = MailboxSyndrome.BadRequestBody;
                checkError = e => Assert.IsType<OpteError.DeserCmdReq>(e);
                break;
            case "unknown":
                envelope.Cmd = (OpteCmd)999;
                expectedStatus = 95;
                expectedSyndrome = MailboxSyndrome.UnknownCommand;
                checkError = e => Assert.Contains("999", Assert.IsType<OpteError.System>(e).Msg);
                break;
            case "reqfault":
                envelope.RequestAddress = (ulong)CardHarness.HostMemoryBytes - 2;
                envelope.RequestLength = 16;
                expectedStatus = Errno.EFAULT;
                expectedSyndrome = MailboxSyndrome.RequestDmaFault;
                checkError = e => Assert.IsType<OpteError.CopyinReq>(e);
                break;
            case "respfault":
                envelope.ResponseAddress = ulong.MaxValue - 8;
                expectedStatus = Errno.EFAULT;
                expectedSyndrome = MailboxSyndrome.ResponseDmaFault;
                checkError = e => Assert.Null(e);
                break;
            case "enobufs":
                envelope.ResponseLength = 8;
                expectedStatus = Errno.ENOBUFS;
                expectedSyndrome = MailboxSyndrome.ResponseTooSmall;
                checkError = e =>
                {
                    var tooLarge = Assert.IsType<OpteError.RespTooLarge>(e);
                    Assert.Equal(8UL, tooLarge.Given);
                    Assert.True(tooLarge.Needed > 8);
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }

        var outcome = card.RunCommand(envelope, request);

        Assert.Equal(expectedStatus, outcome.Status);
        Assert.Equal(expectedSyndrome, outcome.Syndrome);
        checkError(DecodeError(outcome));

        // The firmware keeps running: state READY and the next good command succeeds.
        Assert.Equal((uint)FirmwareState.Ready, card.Read(Bar0.FirmwareState));
        var next = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []);
        Assert.Equal(0, next.Status);
        Assert.True(PostcardSerializer.TryDeserialize<InfoResp>(next.Body, out _, out _));
    }

    [Fact]
    public void ENOBUFS_reports_the_needed_length_writes_no_partial_response_and_a_retry_with_that_length_succeeds()
    {
        using var card = new CardHarness();
        var full = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []);
        var needed = full.Envelope.ResponseLengthActual;

        // Poison the response buffer, then ask with a buffer one byte too small.
        var poison = Enumerable.Repeat((byte)0xEE, 256).ToArray();
        Assert.True(card.HostMemory.TryWrite(CardHarness.ResponseAddress, poison));
        var small = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0, needed - 1), []);

        Assert.Equal(Errno.ENOBUFS, small.Status);
        Assert.Equal(needed, small.Envelope.ResponseLengthActual);
        var error = DecodeError(small);
        Assert.Equal(new OpteError.RespTooLarge(needed, needed - 1), error);
        // Only the (short) error body was written; nothing of the response is in the buffer.
        var errorLength = PostcardSerializer.Measure(error!);
        var after = new byte[256];
        Assert.True(card.HostMemory.TryRead(CardHarness.ResponseAddress, after));
        Assert.All(after.Skip((int)errorLength), b => Assert.Equal(0xEE, b));

        var retry = card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0, needed), []);
        Assert.Equal(0, retry.Status);
        Assert.Equal(full.Body, retry.Body);
    }

    [Fact]
    public void An_error_that_does_not_fit_the_response_buffer_leaves_the_flag_clear()
    {
        using var card = new CardHarness();
        var envelope = CardHarness.Envelope((OpteCmd)999, 0, responseLength: 2);
        var outcome = card.RunCommand(envelope, []);
        Assert.Equal(95, outcome.Status);
        Assert.Equal(MailboxSyndrome.UnknownCommand, outcome.Syndrome);
        Assert.Equal(0UL, outcome.Envelope.Flags);
        Assert.Empty(outcome.Body);
    }

    [Fact]
    public void Garbage_envelopes_never_stop_the_firmware()
    {
        using var card = new CardHarness();
        var random = new Random(1234);
        var raw = new byte[OpteCmdIoctl.Size];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(raw);
            // Half the time keep the right API version so deeper checks run.
            if ((i & 1) == 0)
            {
                BitConverter.TryWriteBytes(raw.AsSpan(0, 8), ApiVersion.Current);
                BitConverter.TryWriteBytes(raw.AsSpan(8, 4), (uint)OpteCmd.Info);
            }

            var envelope = OpteCmdIoctl.ReadFrom(raw);
            var outcome = card.RunCommand(envelope, []);
            // Every completion is consistent: success has no syndrome, every failure names its check.
            Assert.Equal(outcome.Status == 0, outcome.Syndrome == MailboxSyndrome.None);
        }

        Assert.Equal(0, card.RunCommand(CardHarness.Envelope(OpteCmd.Info, 0), []).Status);
    }

    [Fact]
    public void The_firmware_leaves_a_slot_alone_until_it_is_Posted()
    {
        using var card = new CardHarness();
        card.Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Done);
        card.Step(3);
        Assert.Equal((uint)MailboxControl.Done, card.Read(Bar0.MailboxControl));
        Assert.Equal(0, card.Firmware.Management.Mailbox.CommandsServed);
    }

    private static OpteError? DecodeError(MailboxOutcome outcome)
    {
        if ((outcome.Envelope.Flags & OpteCmdIoctl.FlagResponseWritten) == 0)
        {
            return null;
        }

        // On ENOBUFS resp_len_actual is the needed length, not the error's: decode one value from the prefix.
        var reader = new PostcardReader(outcome.Body);
        Assert.True(reader.TryRead(out OpteError error), reader.Error.ToString());
        return error;
    }
}

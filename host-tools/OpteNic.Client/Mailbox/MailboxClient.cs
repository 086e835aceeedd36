using System.Diagnostics;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Memory;
using OpteNic.Client.Native;

namespace OpteNic.Client.Mailbox;

/// <summary>
/// The host side of the mailbox command slot (datasheet §4): one command at a time across every process on the host,
/// sequence ids, timeout, stray-completion handling and OPTE's ENOBUFS-grow-and-retry rule.
/// </summary>
/// <remarks>
/// Protocol, host view:
/// <list type="number">
/// <item>Take the mailbox lock (an exclusive byte-range lock on the mailbox registers of the BAR file).</item>
/// <item>Read the slot. Idle: go on. Done: a stray completion (the late answer to a command that timed out) — recognise
/// it, release it to Idle, go on. Posted or InProgress: the firmware still owns the slot — EBUSY, nothing posted.</item>
/// <item>Copy the request into host memory, write the envelope and the sequence id, then write Posted (a release store:
/// everything before it is visible to the firmware first).</item>
/// <item>Poll for Done (acquire). The completion sequence must be ours; read status, syndrome and envelope, copy the
/// response out, then release the slot to Idle.</item>
/// <item>No Done before the timeout: ETIMEDOUT. The slot is left alone — it stays the firmware's until the firmware
/// completes it (the next command then sees a stray completion) or the host resets the function.</item>
/// </list>
/// </remarks>
public sealed class MailboxClient
{
    private const int EnvelopeOffset = Bar0.MailboxEnvelope;
    private const int LockStart = Bar0.MailboxControl;
    private const int LockLength = Bar0.InterruptCause - Bar0.MailboxControl;

    private readonly BarRegisters _bar;
    private readonly IHostMemory _memory;
    private readonly DmaRegion _slice;
    private long _strayCompletions;

    /// <summary>Creates a client over <paramref name="bar"/> using <paramref name="slice"/> of host memory for buffers.</summary>
    public MailboxClient(BarRegisters bar, IHostMemory memory, DmaRegion slice)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(memory);
        if (slice.End > memory.Size || slice.Length < 2 * 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(slice), $"mailbox slice 0x{slice.Address:x}+{slice.Length} does not fit host memory of {memory.Size} bytes");
        }

        _bar = bar;
        _memory = memory;
        _slice = slice;
    }

    /// <summary>Stray completions this client recognised and released (late answers to timed-out commands).</summary>
    public long StrayCompletions => Interlocked.Read(ref _strayCompletions);

    /// <summary>
    /// Runs <paramref name="command"/> with <paramref name="request"/> bytes and returns the response bytes.
    /// Throws <see cref="OpteDeviceException"/> classified by kind for every failure.
    /// </summary>
    public CommandResponse Execute(OpteCmd command, ReadOnlySpan<byte> request, CommandOptions? options = null)
    {
        options ??= CommandOptions.Default;
        var timeout = options.Timeout ?? DefaultTimeout();
        EnsureReady(command);

        var lockWait = options.EffectiveLockWait(timeout);
        using var slotLock = RegionLock.TryAcquire(_bar.File.Handle, LockStart, LockLength, lockWait)
            ?? throw new OpteDeviceException(DeviceErrorKind.Busy, $"{command}: EBUSY: another host process kept the mailbox lock on {_bar.File.Path} for {lockWait.TotalMilliseconds:0} ms", Errno.EBUSY);

        EnsureReady(command); // again: the state may have changed while another process held the lock
        ClaimSlot(command);

        var requestBytes = (ulong)request.Length;
        var requestRegion = new DmaRegion(_slice.Address, AlignUp(Math.Max(requestBytes, 1)));
        var responseArea = new DmaRegion(requestRegion.End, _slice.End - requestRegion.End);
        if (requestRegion.End > _slice.End || responseArea.Length < 1)
        {
            throw new OpteDeviceException(DeviceErrorKind.CommandFailed, $"{command}: the {request.Length}-byte request does not fit the host's {_slice.Length}-byte mailbox buffer", Errno.E2BIG);
        }

        request.CopyTo(_memory.GetSpan(requestRegion.Address, request.Length));
        var maxResponse = Math.Min(responseArea.Length, Math.Max((ulong)_bar.Read32(Bar0.CapMaxResponse), (ulong)options.InitialResponseBytes));
        var responseLength = Math.Min((ulong)options.InitialResponseBytes, responseArea.Length);
        for (var attempt = 1; ; attempt++)
        {
            var envelope = new OpteCmdIoctl
            {
                ApiVersion = options.ApiVersion,
                Cmd = command,
                Flags = 0,
                RequestAddress = requestRegion.Address,
                RequestLength = requestBytes,
                ResponseAddress = responseArea.Address,
                ResponseLength = responseLength,
                ResponseLengthActual = 0,
            };

            var sequence = Post(envelope);
            var completion = WaitForCompletion(command, sequence, timeout);
            var status = (int)completion.Status;

            if (status == 0)
            {
                if (completion.Envelope.ResponseLengthActual > responseLength)
                {
                    throw new OpteDeviceException(DeviceErrorKind.ProtocolViolation, $"{command}: firmware reports {completion.Envelope.ResponseLengthActual} response bytes in a {responseLength}-byte buffer", Errno.EIO);
                }

                var written = (completion.Envelope.Flags & OpteCmdIoctl.FlagResponseWritten) != 0;
                var body = written ? _memory.GetSpan(responseArea.Address, (int)completion.Envelope.ResponseLengthActual).ToArray() : [];
                return new CommandResponse(body, sequence, attempt);
            }

            if (status == Errno.ENOBUFS)
            {
                var needed = completion.Envelope.ResponseLengthActual;
                if (attempt < options.MaxTries && needed > responseLength && needed <= maxResponse)
                {
                    responseLength = needed;
                    continue;
                }

                var why = needed > maxResponse
                    ? $"the response needs {needed} bytes, more than the {maxResponse} the host can offer"
                    : $"the response still did not fit after {attempt} tries (needs {needed} bytes, offered {responseLength})";
                throw Failure(command, completion, responseArea, responseLength, why);
            }

            throw Failure(command, completion, responseArea, responseLength, null);
        }
    }

    /// <summary>
    /// Function-level reset (datasheet §3.2): stops the queues, releases the mailbox slot and re-runs boot. Returns when
    /// the reset register reads 0 again and the firmware is READY. The way out of a slot the firmware never completes.
    /// </summary>
    public void FunctionLevelReset(TimeSpan timeout)
    {
        using var slotLock = RegionLock.TryAcquire(_bar.File.Handle, LockStart, LockLength, timeout)
            ?? throw new OpteDeviceException(DeviceErrorKind.Busy, $"reset: another host process kept the mailbox lock on {_bar.File.Path} for {timeout.TotalMilliseconds:0} ms", Errno.EBUSY);

        _bar.Write32(Bar0.ResetControl, (uint)ResetRequest.FunctionLevelReset);
        var clock = Stopwatch.StartNew();
        var spinner = new Poller();
        while (_bar.Read32(Bar0.ResetControl) != (uint)ResetRequest.None || _bar.State != FirmwareState.Ready)
        {
            if (_bar.State == FirmwareState.Fatal && _bar.Read32(Bar0.ResetControl) == 0)
            {
                throw new OpteDeviceException(DeviceErrorKind.NotReady, $"reset: the firmware went FATAL while rebooting (syndrome {_bar.Read32(Bar0.FatalSyndrome)})") { State = FirmwareState.Fatal };
            }

            if (clock.Elapsed > timeout)
            {
                throw new OpteDeviceException(DeviceErrorKind.Timeout, $"reset: the card did not finish a function-level reset within {timeout.TotalMilliseconds:0} ms (reset register {_bar.Read32(Bar0.ResetControl)}, state {Describe(_bar.State)})", Errno.ETIMEDOUT);
            }

            spinner.Wait();
        }
    }

    /// <summary>The card's advertised command timeout, or one second if it advertises none.</summary>
    public TimeSpan DefaultTimeout()
    {
        var milliseconds = _bar.Read32(Bar0.CapDefaultTimeoutMs);
        return TimeSpan.FromMilliseconds(milliseconds == 0 ? 1000 : milliseconds);
    }

    /// <summary>Names a firmware state for messages (unknown values are shown as numbers).</summary>
    public static string Describe(FirmwareState state) => state switch
    {
        FirmwareState.Booting => "BOOTING",
        FirmwareState.Ready => "READY",
        FirmwareState.Fatal => "FATAL",
        FirmwareState.Updating => "UPDATING",
        FirmwareState.Offline => "OFFLINE (the simulator has stopped)",
        _ => $"unknown ({(uint)state})",
    };

    private void EnsureReady(OpteCmd command)
    {
        var state = _bar.State;
        if (state != FirmwareState.Ready)
        {
            throw new OpteDeviceException(DeviceErrorKind.NotReady, $"{command}: firmware is {Describe(state)}, not READY; nothing was posted", Errno.EBUSY) { State = state };
        }
    }

    /// <summary>Makes sure the slot is Idle before posting; releases a stray completion; refuses a slot still owned.</summary>
    private void ClaimSlot(OpteCmd command)
    {
        var control = (MailboxControl)_bar.Read32(Bar0.MailboxControl);
        switch (control)
        {
            case MailboxControl.Idle:
                return;
            case MailboxControl.Done:
                // The late answer to a command whose host gave up on it: recognised (its sequence is not one anyone
                // waits for) and released, so the slot can be reused.
                Interlocked.Increment(ref _strayCompletions);
                _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Idle);
                return;
            default:
                var posted = _bar.Read32(Bar0.MailboxSequence);
                throw new OpteDeviceException(
                    DeviceErrorKind.Busy,
                    $"{command}: EBUSY: the mailbox slot is still owned by the firmware ({control}, sequence {posted}); an earlier command has not completed. Wait for it, or reset the function (opteadm reset)",
                    Errno.EBUSY);
        }
    }

    private uint Post(in OpteCmdIoctl envelope)
    {
        // Sequence ids increase across processes: each holder of the lock continues from the last one posted.
        var sequence = _bar.Read32(Bar0.MailboxSequence) + 1;
        if (sequence == 0)
        {
            sequence = 1;
        }

        envelope.WriteTo(_bar.Window(EnvelopeOffset, OpteCmdIoctl.Size));
        _bar.Write32(Bar0.MailboxSequence, sequence);
        // Doorbell: a release store, so the envelope, the sequence and the request bytes are visible before it.
        _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Posted);
        return sequence;
    }

    private Completion WaitForCompletion(OpteCmd command, uint sequence, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var heartbeatAtStart = _bar.Read32(Bar0.Heartbeat);
        var spinner = new Poller();
        while (true)
        {
            var control = (MailboxControl)_bar.Read32(Bar0.MailboxControl);
            if (control == MailboxControl.Done)
            {
                var completed = _bar.Read32(Bar0.MailboxCompletionSequence);
                var status = _bar.Read32(Bar0.MailboxStatus);
                var syndrome = (MailboxSyndrome)_bar.Read32(Bar0.MailboxSyndrome);
                var envelope = OpteCmdIoctl.ReadFrom(_bar.Window(EnvelopeOffset, OpteCmdIoctl.Size));
                _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Idle);
                if (completed != sequence)
                {
                    Interlocked.Increment(ref _strayCompletions);
                    throw new OpteDeviceException(DeviceErrorKind.ProtocolViolation, $"{command}: firmware completed sequence {completed} while sequence {sequence} was posted; the stray completion was released", Errno.EIO);
                }

                return new Completion(status, syndrome, envelope);
            }

            if (clock.Elapsed > timeout)
            {
                var state = _bar.State;
                var heartbeat = _bar.Read32(Bar0.Heartbeat);
                var health = heartbeat != heartbeatAtStart ? "heartbeat advancing (firmware alive but slow)" : "heartbeat stalled (firmware not running)";
                throw new OpteDeviceException(
                    DeviceErrorKind.Timeout,
                    $"{command}: ETIMEDOUT: no completion for sequence {sequence} within {timeout.TotalMilliseconds:0} ms; firmware {Describe(state)}, {health}. The slot stays the firmware's until it completes or the function is reset",
                    Errno.ETIMEDOUT);
            }

            spinner.Wait();
        }
    }

    private OpteDeviceException Failure(OpteCmd command, Completion completion, DmaRegion responseArea, ulong responseLength, string? detail)
    {
        var status = (int)completion.Status;
        byte[]? errorBody = null;
        string? errorText = null;
        OpteError? error = null;
        if ((completion.Envelope.Flags & OpteCmdIoctl.FlagResponseWritten) != 0)
        {
            if (status != Errno.ENOBUFS && completion.Envelope.ResponseLengthActual <= responseLength)
            {
                errorBody = _memory.GetSpan(responseArea.Address, (int)completion.Envelope.ResponseLengthActual).ToArray();
                error = OpteErrorText.TryDecode(errorBody);
                errorText = OpteErrorText.TryDescribe(errorBody);
            }
            else
            {
                // ENOBUFS: resp_len_actual is the size needed; the error body is a self-delimiting prefix of the buffer.
                var buffer = _memory.GetSpan(responseArea.Address, (int)responseLength);
                error = OpteErrorText.TryDecodePrefix(buffer);
                errorBody = error is null ? null : PostcardSerializer.SerializeToArray(error);
                errorText = error?.Message ?? "the firmware's error body does not decode as an OpteError";
            }
        }

        var kind = status == Errno.EPROTO && completion.Syndrome == MailboxSyndrome.BadApiVersion ? DeviceErrorKind.AbiMismatch : DeviceErrorKind.CommandFailed;
        if (completion.Syndrome == MailboxSyndrome.NotReady)
        {
            kind = DeviceErrorKind.NotReady;
        }

        var message = $"{command} failed: {Errno.Name(status)} ({completion.Syndrome})";
        if (errorText is not null)
        {
            message += $": {errorText}";
        }

        if (detail is not null)
        {
            message += $"; {detail}";
        }

        return new OpteDeviceException(kind, message, status) { Syndrome = completion.Syndrome, ErrorBody = errorBody, OpteError = error };
    }

    private static ulong AlignUp(ulong value) => (value + 63) & ~63UL;

    private readonly record struct Completion(uint Status, MailboxSyndrome Syndrome, OpteCmdIoctl Envelope);
}

using System.Buffers;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Wire;
using OpteNic.Hal;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// The firmware's <c>IoctlEnvelope</c>, as the seed describes it for the kernel: it wraps the <see cref="OpteCmdIoctl"/>
/// the host posted, copies the request bytes in from host memory over DMA, hands them to the command's handler, and
/// copies the response — or a serialized <see cref="OpteError"/> — out to the host's response buffer, updating
/// <c>flags</c> and <c>resp_len_actual</c>. Handlers never see DMA, sizes or addresses. Every check of datasheet §4.4
/// happens here, in that order, and every input ends in a completion: nothing the host writes makes it throw.
/// Buffers are allocated once, at construction, at the card's advertised maxima.
/// </summary>
public sealed class IoctlEnvelope
{
    private readonly IDmaEngine _dma;
    private readonly byte[] _request;
    private readonly ArrayBufferWriter<byte> _response;
    private readonly byte[] _error = new byte[4096];

    public IoctlEnvelope(IDmaEngine dma, int maxRequestBytes, int maxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(dma);
        _dma = dma;
        MaxRequestBytes = maxRequestBytes;
        MaxResponseBytes = maxResponseBytes;
        _request = new byte[maxRequestBytes];
        _response = new ArrayBufferWriter<byte>(16 * 1024);
    }

    /// <summary>CapMaxRequest.</summary>
    public int MaxRequestBytes { get; }

    /// <summary>CapMaxResponse.</summary>
    public int MaxResponseBytes { get; }

    /// <summary>Runs the command <paramref name="ioctl"/> describes and says what to write back.</summary>
    /// <param name="ioctl">The envelope as the host wrote it.</param>
    /// <param name="commands">The dispatch table.</param>
    /// <param name="ready">False while the firmware is not READY (answered EBUSY).</param>
    public MailboxCompletion Execute(OpteCmdIoctl ioctl, CommandTable commands, bool ready)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ioctl.Flags = 0;
        ioctl.ResponseLengthActual = 0;

        if (!ready)
        {
            return new MailboxCompletion(Errno.EBUSY, MailboxSyndrome.NotReady, ioctl);
        }

        if (ioctl.ApiVersion != ApiVersion.Current)
        {
            return CopyOutError(ioctl, new OpteError.BadApiVersion(ioctl.ApiVersion, ApiVersion.Current), MailboxSyndrome.BadApiVersion);
        }

        if (ioctl.RequestLength > (ulong)MaxRequestBytes)
        {
            var tooBig = new OpteError.System(Errno.E2BIG, $"request of {ioctl.RequestLength} bytes exceeds the card's maximum of {MaxRequestBytes}");
            return CopyOutError(ioctl, tooBig, MailboxSyndrome.RequestTooLarge);
        }

        if (!_dma.Contains(ioctl.ResponseAddress, ioctl.ResponseLength))
        {
            // Nowhere to put a body: status and syndrome alone tell.
            return new MailboxCompletion(Errno.EFAULT, MailboxSyndrome.ResponseDmaFault, ioctl);
        }

        if (!TryCopyInRequest(ioctl, out var request))
        {
            return CopyOutError(ioctl, new OpteError.CopyinReq(), MailboxSyndrome.RequestDmaFault);
        }

        if (!commands.TryGet(ioctl.Cmd, out var handler))
        {
            var unknown = new OpteError.System(Errno.EOPNOTSUPP, $"unknown command {(uint)ioctl.Cmd}");
            return CopyOutError(ioctl, unknown, MailboxSyndrome.UnknownCommand);
        }

        _response.ResetWrittenCount();
        OpteError? error;
        try
        {
            error = handler.Execute(request, _response);
        }
        catch (Exception e)
        {
            // A handler bug must not take the card down: report it and keep serving.
            error = new OpteError.System(Errno.EIO, $"command {ioctl.Cmd} failed inside the firmware: {e.GetType().Name}");
        }

        if (error is not null)
        {
            return CopyOutError(ioctl, error, error is OpteError.DeserCmdReq or OpteError.NoRequestBody ? MailboxSyndrome.BadRequestBody : MailboxSyndrome.CommandFailed);
        }

        return CopyOutResponse(ioctl, _response.WrittenSpan);
    }

    /// <summary>Copies the request bytes in from host memory (the kernel's <c>copy_in_req</c>).</summary>
    private bool TryCopyInRequest(OpteCmdIoctl ioctl, out ReadOnlySpan<byte> request)
    {
        var length = (int)ioctl.RequestLength;
        var destination = _request.AsSpan(0, length);
        if (length > 0 && !_dma.TryRead(ioctl.RequestAddress, destination))
        {
            request = default;
            return false;
        }

        request = destination;
        return true;
    }

    /// <summary>
    /// Copies the response out (the kernel's <c>copy_out_resp</c>): whole or not at all. Too small a buffer gets
    /// ENOBUFS, <c>RespTooLarge</c> and the needed length in <c>resp_len_actual</c>.
    /// </summary>
    private MailboxCompletion CopyOutResponse(OpteCmdIoctl ioctl, ReadOnlySpan<byte> response)
    {
        if (response.Length > MaxResponseBytes)
        {
            var oversized = new OpteError.SerCmdResp($"response of {response.Length} bytes exceeds the card's maximum of {MaxResponseBytes}");
            return CopyOutError(ioctl, oversized, MailboxSyndrome.CommandFailed);
        }

        if ((ulong)response.Length > ioctl.ResponseLength)
        {
            var completion = CopyOutError(ioctl, new OpteError.RespTooLarge((ulong)response.Length, ioctl.ResponseLength), MailboxSyndrome.ResponseTooSmall);
            var envelope = completion.Envelope;
            envelope.ResponseLengthActual = (ulong)response.Length;
            return new MailboxCompletion(completion.Status, completion.Syndrome, envelope);
        }

        if (response.Length > 0 && !_dma.TryWrite(ioctl.ResponseAddress, response))
        {
            // Unreachable: the response range was checked before the command ran.
            return new MailboxCompletion(Errno.EFAULT, MailboxSyndrome.ResponseDmaFault, ioctl);
        }

        ioctl.Flags = OpteCmdIoctl.FlagResponseWritten;
        ioctl.ResponseLengthActual = (ulong)response.Length;
        return new MailboxCompletion(Errno.Ok, MailboxSyndrome.None, ioctl);
    }

    /// <summary>
    /// Completes with the error's errno and, when the response buffer is reachable and large enough, the serialized
    /// error as the body (flag bit 0). The seed's "tries its best to deliver an OpteError".
    /// </summary>
    private MailboxCompletion CopyOutError(OpteCmdIoctl ioctl, OpteError error, MailboxSyndrome syndrome)
    {
        var encoded = PostcardSerializer.Serialize(error, _error);
        if (encoded.Fits
            && (ulong)encoded.BytesRequired <= ioctl.ResponseLength
            && _dma.Contains(ioctl.ResponseAddress, ioctl.ResponseLength)
            && _dma.TryWrite(ioctl.ResponseAddress, _error.AsSpan(0, (int)encoded.BytesRequired)))
        {
            ioctl.Flags = OpteCmdIoctl.FlagResponseWritten;
            ioctl.ResponseLengthActual = (ulong)encoded.BytesRequired;
        }

        return new MailboxCompletion(error.Errno, syndrome, ioctl);
    }
}

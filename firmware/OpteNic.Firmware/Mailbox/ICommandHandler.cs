using System.Buffers;
using OpteNic.Api;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// Runs one command code. The handler decodes the request bytes itself (so it can answer
/// <see cref="OpteError.DeserCmdReq"/>), and encodes its response into <paramref name="response"/>; the
/// <see cref="IoctlEnvelope"/> does every copy in and out of host memory and every size check.
/// </summary>
public interface ICommandHandler
{
    /// <summary>The command code this handler answers.</summary>
    OpteCmd Command { get; }

    /// <summary>Runs the command: null on success (the response is in <paramref name="response"/>), else the error.</summary>
    OpteError? Execute(ReadOnlySpan<byte> request, IBufferWriter<byte> response);
}

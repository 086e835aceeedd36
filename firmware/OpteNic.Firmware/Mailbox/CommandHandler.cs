using System.Buffers;
using OpteNic.Api;
using OpteNic.Api.Wire;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// A handler for a command with a postcard request <typeparamref name="TRequest"/> and response
/// <typeparamref name="TResponse"/>: decoding, the <see cref="OpteError.DeserCmdReq"/> answer and encoding are done
/// here, so a command is just <see cref="Handle"/>.
/// </summary>
public abstract class CommandHandler<TRequest, TResponse> : ICommandHandler
    where TRequest : IPostcardSerializable<TRequest>
    where TResponse : IPostcardSerializable<TResponse>
{
    public abstract OpteCmd Command { get; }

    public OpteError? Execute(ReadOnlySpan<byte> request, IBufferWriter<byte> response)
    {
        if (!PostcardSerializer.TryDeserialize<TRequest>(request, out var decoded, out var error))
        {
            return new OpteError.DeserCmdReq(error.ToString());
        }

        var result = Handle(decoded);
        if (result.Error is not null)
        {
            return result.Error;
        }

        PostcardSerializer.Serialize(result.Response!, response);
        return null;
    }

    /// <summary>Runs the decoded command.</summary>
    protected abstract CommandResult<TResponse> Handle(TRequest request);
}

using System.Buffers;
using OpteNic.Api;
using OpteNic.Api.Wire;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// A handler for a command with a postcard request <typeparamref name="TRequest"/> and response
/// <typeparamref name="TResponse"/>: decoding, the decode errors and encoding are done here, so a command is just
/// <see cref="Handle"/>. An empty body that does not decode is <see cref="OpteError.NoRequestBody"/>; malformed bytes
/// are <see cref="OpteError.DeserCmdReq"/> naming the type, the failure and its offset (as
/// <c>OpteRequests.TryDecode</c> answers).
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
            return request.IsEmpty
                ? new OpteError.NoRequestBody()
                : new OpteError.DeserCmdReq($"{typeof(TRequest).Name}: {error}");
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

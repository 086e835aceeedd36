using OpteNic.Api;

namespace OpteNic.Firmware.Mailbox;

/// <summary>A command's answer: a response, or an <see cref="OpteError"/> (never both).</summary>
public readonly struct CommandResult<TResponse>
{
    private CommandResult(TResponse? response, OpteError? error)
    {
        Response = response;
        Error = error;
    }

    /// <summary>The response on success.</summary>
    public TResponse? Response { get; }

    /// <summary>The error on failure.</summary>
    public OpteError? Error { get; }

    public static CommandResult<TResponse> Ok(TResponse response) => new(response, null);

    public static CommandResult<TResponse> Fail(OpteError error) => new(default, error);

    public static implicit operator CommandResult<TResponse>(TResponse response) => Ok(response);

    public static implicit operator CommandResult<TResponse>(OpteError error) => Fail(error);
}

using OpteNic.Api;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// The firmware's dispatch table: command code → handler. Adding a command is one <see cref="Register"/> call at boot;
/// a code without a handler is answered EOPNOTSUPP by the <see cref="IoctlEnvelope"/>.
/// </summary>
public sealed class CommandTable
{
    private readonly Dictionary<OpteCmd, ICommandHandler> _handlers = [];

    /// <summary>Adds a handler; a second handler for the same code is a firmware bug.</summary>
    public CommandTable Register(ICommandHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(handler.Command, handler))
        {
            throw new InvalidOperationException($"command {handler.Command} already has a handler");
        }

        return this;
    }

    /// <summary>The handler for <paramref name="command"/>, if any.</summary>
    public bool TryGet(OpteCmd command, out ICommandHandler handler) => _handlers.TryGetValue(command, out handler!);

    /// <summary>Codes with a handler.</summary>
    public IEnumerable<OpteCmd> Commands => _handlers.Keys;
}

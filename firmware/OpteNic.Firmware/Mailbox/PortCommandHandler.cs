using OpteNic.Api;
using OpteNic.Api.Wire;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// A command addressed to one port by name. The port is looked up in the published registry (unknown name:
/// <see cref="OpteError.PortNotFound"/>) and the command runs under the port's lease, so it takes effect between two
/// of the NIC cores' bursts on that port and never races a packet (the engine's one-owner-at-a-time rule).
/// </summary>
public abstract class PortCommandHandler<TRequest, TResponse> : CommandHandler<TRequest, TResponse>
    where TRequest : IPostcardSerializable<TRequest>
    where TResponse : IPostcardSerializable<TResponse>
{
    protected PortCommandHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
    }

    /// <summary>The card's port registry.</summary>
    protected PortRegistry Registry { get; }

    /// <summary>The port the request names.</summary>
    protected abstract string PortNameOf(TRequest request);

    /// <summary>Runs the command on <paramref name="port"/>, whose lease the caller holds.</summary>
    protected abstract CommandResult<TResponse> Handle(TRequest request, CardPort port);

    protected sealed override CommandResult<TResponse> Handle(TRequest request)
    {
        var name = PortNameOf(request);
        if (!Registry.Current.TryGetByName(name, out var port) || !port.TryEnter(CardPort.ControlOwner))
        {
            return new OpteError.PortNotFound(name);
        }

        try
        {
            return Handle(request, port);
        }
        finally
        {
            port.Exit();
        }
    }
}

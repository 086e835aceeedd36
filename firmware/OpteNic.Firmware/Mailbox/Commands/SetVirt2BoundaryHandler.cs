using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetVirt2Boundary"/>: adds boundary-services tunnel endpoints for a prefix (one published swap). A multicast endpoint address is <see cref="OpteError.InvalidUnderlayMulticast"/>.</summary>
public sealed class SetVirt2BoundaryHandler : CommandHandler<SetVirt2BoundaryReq, NoResp>
{
    private readonly PortRegistry _registry;

    public SetVirt2BoundaryHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.SetVirt2Boundary;

    protected override CommandResult<NoResp> Handle(SetVirt2BoundaryReq request)
    {
        foreach (var endpoint in request.Tep)
        {
            if (endpoint.Ip.IsMulticast)
            {
                return new OpteError.InvalidUnderlayMulticast($"tunnel endpoint {endpoint.Ip} is a multicast address");
            }
        }

        _registry.Network.Virt2Boundary.Set(request.Vip, request.Tep);
        return CommandConversions.NoResponse;
    }
}

using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.SetExternalIps"/>: replaces the port's SNAT, ephemeral and floating addresses per family, with a
/// soft NAT refresh so flows whose external address stays valid survive (behaviour §3 nat), and installs the
/// internet-gateway map (an external IP listed there serves only flows the router sends to one of its gateways; no map
/// means every external IP serves every gateway). Applied by the VPC port's own <c>TrySetExternalIps</c> (with the map) all or
/// nothing: a family the port does not have, an invalid address, or a map naming an address that is not one of
/// the port's external IPs is <see cref="OpteError.InvalidIpCfg"/> and changes nothing. The port's state is the VPC
/// port's to judge (it asks the engine before anything else): a paused port answers BadState naming its state.
/// </summary>
public sealed class SetExternalIpsHandler : PortCommandHandler<SetExternalIpsReq, NoResp>
{
    public SetExternalIpsHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.SetExternalIps;

    protected override string PortNameOf(SetExternalIpsReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(SetExternalIpsReq request, CardPort port)
    {
        return port.Vpc.TrySetExternalIps(request.ExternalIpsV4, request.ExternalIpsV6, request.InetGwMap is { } map ? map : null, out var error)
            ? CommandConversions.NoResponse
            : error.ToReconfigurationError(port);
    }
}

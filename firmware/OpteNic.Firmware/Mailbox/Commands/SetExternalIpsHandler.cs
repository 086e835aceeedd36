using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.SetExternalIps"/>: replaces the port's SNAT, ephemeral and floating addresses per family, with a
/// soft NAT refresh so flows whose external address stays valid survive (behaviour §3 nat). A family the port does not
/// have, or an invalid address, is <see cref="OpteError.InvalidIpCfg"/> and changes nothing. The internet-gateway map is
/// accepted and not yet used (every floating IP serves every gateway).
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
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        var config = port.Config;
        var v4 = config.IpCfg.Ipv4Config;
        var v6 = config.IpCfg.Ipv6Config;
        if (request.ExternalIpsV4 is not null && v4 is null)
        {
            return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv4 configuration for IPv4 external addresses");
        }

        if (request.ExternalIpsV6 is not null && v6 is null)
        {
            return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv6 configuration for IPv6 external addresses");
        }

        var next = VpcReconfiguration.WithFamilies(config,
            v4 is null ? null : v4 with { ExternalIps = request.ExternalIpsV4 ?? v4.ExternalIps },
            v6 is null ? null : v6 with { ExternalIps = request.ExternalIpsV6 ?? v6.ExternalIps });
        return VpcReconfiguration.TryApply(port, next) is { } error ? error : CommandConversions.NoResponse;
    }
}

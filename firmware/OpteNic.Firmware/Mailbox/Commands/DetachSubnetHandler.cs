using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.DetachSubnet"/>: detaches a subnet; flows using it stop at their next packet (epoch). Detaching a
/// subnet that is not attached succeeds and changes nothing (idempotent, so a control plane can retry).
/// </summary>
public sealed class DetachSubnetHandler : PortCommandHandler<DetachSubnetReq, NoResp>
{
    public DetachSubnetHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.DetachSubnet;

    protected override string PortNameOf(DetachSubnetReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(DetachSubnetReq request, CardPort port)
    {
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        var config = port.Config;
        VpcCfg next;
        if (request.Subnet.IsIpv4)
        {
            if (config.IpCfg.Ipv4Config is not { } v4 || AddressListEdits.Detach(v4.AttachedSubnets, request.Subnet.Ipv4) is not { } subnets)
            {
                return CommandConversions.NoResponse;
            }

            next = CommandConversions.WithFamilies(config, v4 with { AttachedSubnets = subnets }, config.IpCfg.Ipv6Config);
        }
        else
        {
            if (config.IpCfg.Ipv6Config is not { } v6 || AddressListEdits.Detach(v6.AttachedSubnets, request.Subnet.Ipv6) is not { } subnets)
            {
                return CommandConversions.NoResponse;
            }

            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config, v6 with { AttachedSubnets = subnets });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : CommandConversions.NoResponse;
    }
}

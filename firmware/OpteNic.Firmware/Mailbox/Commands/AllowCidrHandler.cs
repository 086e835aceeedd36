using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.AllowCidr"/>: lets the guest send (out) or receive (in) traffic for a transit CIDR it routes
/// for, besides its private address (the gateway's anti-spoofing rules). A CIDR of a family the port lacks, or one
/// overlapping the VPC subnet, is <see cref="OpteError.InvalidIpCfg"/> and changes nothing.
/// </summary>
public sealed class AllowCidrHandler : PortCommandHandler<AllowCidrReq, NoResp>
{
    public AllowCidrHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.AllowCidr;

    protected override string PortNameOf(AllowCidrReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(AllowCidrReq request, CardPort port)
    {
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        var config = port.Config;
        var inbound = request.Dir == Direction.In;
        VpcCfg next;
        if (request.Cidr.IsIpv4)
        {
            if (config.IpCfg.Ipv4Config is not { } v4)
            {
                return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv4 configuration for {request.Cidr}");
            }

            next = CommandConversions.WithFamilies(config,
                v4 with { TransitIps = AddressListEdits.AllowTransit(v4.TransitIps, request.Cidr.Ipv4, inbound) }, config.IpCfg.Ipv6Config);
        }
        else
        {
            if (config.IpCfg.Ipv6Config is not { } v6)
            {
                return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv6 configuration for {request.Cidr}");
            }

            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config,
                v6 with { TransitIps = AddressListEdits.AllowTransit(v6.TransitIps, request.Cidr.Ipv6, inbound) });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : CommandConversions.NoResponse;
    }
}

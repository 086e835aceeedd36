using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.RemoveCidr"/>: withdraws one direction of a transit CIDR (the entry goes when neither direction
/// remains). A CIDR not allowed in that direction answers <see cref="RemovalOutcome.NotFound"/>, as OPTE does.
/// </summary>
public sealed class RemoveCidrHandler : PortCommandHandler<RemoveCidrReq, RemoveCidrResp>
{
    private static readonly RemoveCidrResp NotFound = new(RemovalOutcome.NotFound);
    private static readonly RemoveCidrResp Removed = new(RemovalOutcome.Ok);

    public RemoveCidrHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.RemoveCidr;

    protected override string PortNameOf(RemoveCidrReq request) => request.PortName;

    protected override CommandResult<RemoveCidrResp> Handle(RemoveCidrReq request, CardPort port)
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
            if (config.IpCfg.Ipv4Config is not { } v4
                || AddressListEdits.WithdrawTransit(v4.TransitIps, request.Cidr.Ipv4, inbound) is not { } transits)
            {
                return NotFound;
            }

            next = CommandConversions.WithFamilies(config, v4 with { TransitIps = transits }, config.IpCfg.Ipv6Config);
        }
        else
        {
            if (config.IpCfg.Ipv6Config is not { } v6
                || AddressListEdits.WithdrawTransit(v6.TransitIps, request.Cidr.Ipv6, inbound) is not { } transits)
            {
                return NotFound;
            }

            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config, v6 with { TransitIps = transits });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : Removed;
    }
}

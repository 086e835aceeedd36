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
            var cidr = request.Cidr.Ipv4;
            if (config.IpCfg.Ipv4Config is not { } v4 || v4.TransitIps.FirstOrDefault(t => t.Cidr == cidr) is not { } existing
                || !(inbound ? existing.AllowIn : existing.AllowOut))
            {
                return NotFound;
            }

            var rest = v4.TransitIps.Where(t => t.Cidr != cidr);
            var kept = existing with { AllowIn = existing.AllowIn && !inbound, AllowOut = existing.AllowOut && inbound };
            next = CommandConversions.WithFamilies(config,
                v4 with { TransitIps = kept.AllowIn || kept.AllowOut ? [.. rest, kept] : [.. rest] }, config.IpCfg.Ipv6Config);
        }
        else
        {
            var cidr = request.Cidr.Ipv6;
            if (config.IpCfg.Ipv6Config is not { } v6 || v6.TransitIps.FirstOrDefault(t => t.Cidr == cidr) is not { } existing
                || !(inbound ? existing.AllowIn : existing.AllowOut))
            {
                return NotFound;
            }

            var rest = v6.TransitIps.Where(t => t.Cidr != cidr);
            var kept = existing with { AllowIn = existing.AllowIn && !inbound, AllowOut = existing.AllowOut && inbound };
            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config,
                v6 with { TransitIps = kept.AllowIn || kept.AllowOut ? [.. rest, kept] : [.. rest] });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : Removed;
    }
}

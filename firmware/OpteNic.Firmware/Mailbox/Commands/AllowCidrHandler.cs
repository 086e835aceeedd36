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

            var cidr = request.Cidr.Ipv4;
            var existing = v4.TransitIps.FirstOrDefault(t => t.Cidr == cidr);
            var entry = existing is null
                ? new TransitIp<Ipv4Cidr>(cidr, inbound, !inbound)
                : existing with { AllowIn = existing.AllowIn || inbound, AllowOut = existing.AllowOut || !inbound };
            next = CommandConversions.WithFamilies(config, v4 with { TransitIps = [.. v4.TransitIps.Where(t => t.Cidr != cidr), entry] },
                config.IpCfg.Ipv6Config);
        }
        else
        {
            if (config.IpCfg.Ipv6Config is not { } v6)
            {
                return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv6 configuration for {request.Cidr}");
            }

            var cidr = request.Cidr.Ipv6;
            var existing = v6.TransitIps.FirstOrDefault(t => t.Cidr == cidr);
            var entry = existing is null
                ? new TransitIp<Ipv6Cidr>(cidr, inbound, !inbound)
                : existing with { AllowIn = existing.AllowIn || inbound, AllowOut = existing.AllowOut || !inbound };
            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config,
                v6 with { TransitIps = [.. v6.TransitIps.Where(t => t.Cidr != cidr), entry] });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : CommandConversions.NoResponse;
    }
}

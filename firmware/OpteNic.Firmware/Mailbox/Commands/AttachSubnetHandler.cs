using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.AttachSubnet"/>: attaches a subnet to the port (the guest may use its addresses; an external
/// one also passes the NAT layer untranslated). Attaching again updates <c>is_external</c>. A family the port lacks,
/// or a subnet overlapping the VPC subnet, is <see cref="OpteError.InvalidIpCfg"/> and changes nothing.
/// </summary>
public sealed class AttachSubnetHandler : PortCommandHandler<AttachSubnetReq, NoResp>
{
    public AttachSubnetHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.AttachSubnet;

    protected override string PortNameOf(AttachSubnetReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(AttachSubnetReq request, CardPort port)
    {
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        var config = port.Config;
        VpcCfg next;
        if (request.Subnet.IsIpv4)
        {
            if (config.IpCfg.Ipv4Config is not { } v4)
            {
                return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv4 configuration for {request.Subnet}");
            }

            next = CommandConversions.WithFamilies(config,
                v4 with { AttachedSubnets = AddressListEdits.Attach(v4.AttachedSubnets, request.Subnet.Ipv4, request.IsExternal) },
                config.IpCfg.Ipv6Config);
        }
        else
        {
            if (config.IpCfg.Ipv6Config is not { } v6)
            {
                return new OpteError.InvalidIpCfg($"port {port.Name} has no IPv6 configuration for {request.Subnet}");
            }

            next = CommandConversions.WithFamilies(config, config.IpCfg.Ipv4Config,
                v6 with { AttachedSubnets = AddressListEdits.Attach(v6.AttachedSubnets, request.Subnet.Ipv6, request.IsExternal) });
        }

        return CommandConversions.Reconfigure(port, next) is { } error ? error : CommandConversions.NoResponse;
    }
}

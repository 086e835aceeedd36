using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpVirt2Boundary"/>: every prefix and its endpoints, IPv4 and IPv6 apart, longest prefix first.</summary>
public sealed class DumpVirt2BoundaryHandler : CommandHandler<DumpVirt2BoundaryReq, DumpVirt2BoundaryResp>
{
    private readonly PortRegistry _registry;

    public DumpVirt2BoundaryHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.DumpVirt2Boundary;

    protected override CommandResult<DumpVirt2BoundaryResp> Handle(DumpVirt2BoundaryReq request)
    {
        var ip4 = new List<V2bEntry4>();
        var ip6 = new List<V2bEntry6>();
        foreach (var (prefix, endpoints) in _registry.Network.Virt2Boundary.Dump())
        {
            if (prefix.IsIpv4)
            {
                ip4.Add(new V2bEntry4(prefix.Ipv4, [.. endpoints]));
            }
            else
            {
                ip6.Add(new V2bEntry6(prefix.Ipv6, [.. endpoints]));
            }
        }

        return new DumpVirt2BoundaryResp(new V2bMapResp([.. ip4], [.. ip6]));
    }
}

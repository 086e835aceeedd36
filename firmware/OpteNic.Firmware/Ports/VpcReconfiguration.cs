using OpteNic.Api;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Mailbox.Commands;
using OpteNic.Vpc.Config;
using OpteNic.Vpc.Layers;
using OpteNic.Vpc.Nat;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Applies a changed VPC configuration to a live port, all or nothing: the new configuration is validated first (the
/// port is untouched on failure), then the NAT state and the NAT layer are refreshed with a soft replace (flows whose
/// external address is still valid keep it) and the gateway layer's anti-spoofing rules are rebuilt (attached subnets,
/// transit CIDRs). Used by set-external-ips, allow/remove-cidr and attach/detach-subnet. Caller holds the port's lease.
/// </summary>
/// <remarks>
/// This belongs in <c>VpcPort</c> (a <c>TryReconfigure(VpcCfg)</c> there would keep its own configuration current);
/// until it exists the firmware keeps the configuration in force in <see cref="CardPort.Config"/>.
/// </remarks>
public static class VpcReconfiguration
{
    /// <summary>Validates and applies <paramref name="next"/>; the error, or null when applied.</summary>
    public static OpteError? TryApply(CardPort port, VpcCfg next)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(next);
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        if (VpcConfigValidator.Validate(next, null, port.Mtu) is { } invalid)
        {
            return invalid.ToOpteError();
        }

        var engine = port.Engine;

        // Build every rule before changing anything, so nothing below can fail half-way.
        var vpc = port.Vpc;
        var gateway = VpcGateway.BuildRules(next, vpc.Responder, vpc.Hairpins, vpc.VniTags);
        var nextExternal = ExternalIps.From(next.IpCfg.Ipv4Config, next.IpCfg.Ipv6Config, vpc.Nat.Current);
        var previousExternal = vpc.Nat.Current;
        vpc.Nat.Replace(nextExternal);
        var nat = VpcNat.BuildRules(next, vpc.Nat, vpc.Targets);
        var result = engine.SetRulesSoft(VpcNat.LayerName, nat.Inbound, nat.Outbound);
        if (result == PortOperationResult.Ok)
        {
            result = engine.SetRules(VpcGateway.LayerName, gateway.Inbound, gateway.Outbound);
        }

        if (result != PortOperationResult.Ok)
        {
            vpc.Nat.Replace(previousExternal);
            return result.ToOpteError(port, result == PortOperationResult.LayerNotFound ? VpcGateway.LayerName : "");
        }

        port.Config = next;
        return null;
    }

    /// <summary><paramref name="config"/> with its IPv4 and IPv6 parts replaced (null keeps a family absent).</summary>
    public static VpcCfg WithFamilies(VpcCfg config, Ipv4Cfg? v4, Ipv6Cfg? v6)
    {
        ArgumentNullException.ThrowIfNull(config);
        IpCfg ipCfg = (v4, v6) switch
        {
            ({ } a, { } b) => new IpCfg.DualStack(a, b),
            ({ } a, null) => new IpCfg.Ipv4(a),
            (null, { } b) => new IpCfg.Ipv6(b),
            _ => config.IpCfg,
        };
        return config with { IpCfg = ipCfg };
    }
}

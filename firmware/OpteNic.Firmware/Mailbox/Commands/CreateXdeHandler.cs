using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.CreateXde"/>: builds a VPC port and publishes it in the registry, all or nothing. Checked in order:
/// the link name (<see cref="OpteError.BadName"/>), an existing port of that name (<see cref="OpteError.PortExists"/>),
/// a port already using the guest MAC — card-wide, since host TX frames are bound to ports by source MAC
/// (<see cref="OpteError.MacExists"/>), the port limit (<see cref="OpteError.MaxCapacity"/>), then the VPC
/// configuration (<see cref="OpteError.InvalidIpCfg"/> for addressing, <see cref="OpteError.PortCreate"/> for MACs, MTU
/// and DHCP). Nothing is published until the port is fully built and running.
/// </summary>
public sealed class CreateXdeHandler : CommandHandler<CreateXdeReq, NoResp>
{
    /// <summary>Longest link name (illumos MAXLINKNAMELEN − 1).</summary>
    public const int MaxLinkNameLength = 31;

    private readonly PortRegistry _registry;

    public CreateXdeHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.CreateXde;

    /// <summary>A link name: 1–31 characters, a letter first, then letters, digits, '_', '-' or '.'.</summary>
    public static bool IsValidLinkName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLinkNameLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    protected override CommandResult<NoResp> Handle(CreateXdeReq request)
    {
        var name = request.XdeDevname;
        if (!IsValidLinkName(name))
        {
            return new OpteError.BadName();
        }

        lock (_registry.Writer)
        {
            var current = _registry.Current;
            if (current.TryGetByName(name, out _))
            {
                return new OpteError.PortExists(name);
            }

            var mac = request.Cfg.GuestMac;
            if (current.TryGetByGuestMac(mac.Value, out var holder))
            {
                return new OpteError.MacExists(holder.Name, holder.Vni, mac);
            }

            var options = _registry.Options;
            if (current.Ports.Count >= options.MaxPorts)
            {
                return new OpteError.MaxCapacity((ulong)options.MaxPorts);
            }

            var portOptions = new VpcPortOptions
            {
                Mtu = request.Mtu,
                UftLimit = options.PortUftLimit,
                TcpLimit = options.PortTcpLimit,
                LayerFlowLimit = options.PortLayerFlowLimit,
            };
            if (!VpcPort.TryCreate(name, request.Cfg, request.Dhcp, _registry.Network, portOptions, out var vpc, out var invalid))
            {
                return invalid.ToOpteError();
            }

            if (vpc.Port.Start() != PortOperationResult.Ok)
            {
                return new OpteError.BadState($"port {name} could not start");
            }

            _registry.Add(new CardPort(name, request.Linkid, vpc, request.Passthrough, request.Mtu));
            return CommandConversions.NoResponse;
        }
    }
}

using System.CommandLine;
using OpteAdm.Opte.Rendering;
using OpteNic.Api;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Commands;

/// <summary>Multicast (commands 100–109): set-m2p, clear-m2p, dump-m2p, set-mcast-fwd, clear-mcast-fwd,
/// dump-mcast-fwd, dump-mcast-subs, mcast-subscribe, mcast-unsubscribe, mcast-unsubscribe-all.</summary>
internal static class MulticastCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() =>
    [
        SetM2p(), ClearM2p(), DumpM2p(), SetMcastFwd(), ClearMcastFwd(), DumpMcastFwd(), DumpMcastSubs(),
        McastSubscribe(), McastUnsubscribe(), McastUnsubscribeAll(),
    ];

    /// <summary><c>set-m2p GROUP UNDERLAY</c>.</summary>
    public static OpteCommand SetM2p()
    {
        var (group, underlay) = M2pArguments();
        return new OpteCommand<SetMcast2PhysReq, NoResp>(
            "set-m2p",
            OpteHelp.Describe("Map an overlay multicast group to its underlay group (ff04::/16)", "opteadm set-m2p 239.1.1.1 ff04::e001:101"),
            (parse, _) => new SetMcast2PhysReq(parse.GetValue(group), parse.GetValue(underlay)))
        {
            group,
            underlay,
        };
    }

    /// <summary><c>clear-m2p GROUP UNDERLAY</c>.</summary>
    public static OpteCommand ClearM2p()
    {
        var (group, underlay) = M2pArguments();
        return new OpteCommand<ClearMcast2PhysReq, NoResp>(
            "clear-m2p",
            OpteHelp.Describe("Remove an overlay-to-underlay multicast mapping", "opteadm clear-m2p 239.1.1.1 ff04::e001:101"),
            (parse, _) => new ClearMcast2PhysReq(parse.GetValue(group), parse.GetValue(underlay)))
        {
            group,
            underlay,
        };
    }

    /// <summary><c>dump-m2p</c>.</summary>
    public static OpteCommand DumpM2p() =>
        new OpteCommand<DumpMcast2PhysReq, DumpMcast2PhysResp>(
            "dump-m2p",
            OpteHelp.Describe("Dump the overlay-to-underlay multicast mappings", "opteadm dump-m2p", "opteadm dump-m2p --json"),
            (_, _) => new DumpMcast2PhysReq(),
            OpteText.DumpMcast2Phys,
            OpteJson.DumpMcast2Phys);

    /// <summary><c>set-mcast-fwd UNDERLAY NEXT_HOP…</c>.</summary>
    public static OpteCommand SetMcastFwd()
    {
        var underlay = CliValues.Ipv6Argument("UNDERLAY", "The underlay multicast group (ff04::/16)");
        var hops = CliValues.NextHopsArgument("NEXT_HOP", $"Next hops: ADDR[,VNI[,external|underlay|both]] (VNI {CliValues.MulticastVni}, replication external by default)");
        return new OpteCommand<SetMcastForwardingReq, NoResp>(
            "set-mcast-fwd",
            OpteHelp.Describe("Set the next hops an underlay multicast group is replicated to",
                "opteadm set-mcast-fwd ff04::e001:101 fd00:2::1,77,underlay fd00:99::1,77,external"),
            (parse, _) => new SetMcastForwardingReq(parse.GetValue(underlay), ValueArray<McastNextHop>.From(parse.GetValue(hops)!)))
        {
            underlay,
            hops,
        };
    }

    /// <summary><c>clear-mcast-fwd UNDERLAY</c>.</summary>
    public static OpteCommand ClearMcastFwd()
    {
        var underlay = CliValues.Ipv6Argument("UNDERLAY", "The underlay multicast group");
        return new OpteCommand<ClearMcastForwardingReq, NoResp>(
            "clear-mcast-fwd",
            OpteHelp.Describe("Remove the forwarding entry of an underlay multicast group", "opteadm clear-mcast-fwd ff04::e001:101"),
            (parse, _) => new ClearMcastForwardingReq(parse.GetValue(underlay)))
        {
            underlay,
        };
    }

    /// <summary><c>dump-mcast-fwd</c>.</summary>
    public static OpteCommand DumpMcastFwd() =>
        new OpteCommand<DumpMcastForwardingReq, DumpMcastForwardingResp>(
            "dump-mcast-fwd",
            OpteHelp.Describe("Dump the multicast forwarding table (underlay group → next hops)", "opteadm dump-mcast-fwd", "opteadm dump-mcast-fwd --json"),
            (_, _) => new DumpMcastForwardingReq(),
            OpteText.DumpMcastForwarding,
            OpteJson.DumpMcastForwarding);

    /// <summary><c>dump-mcast-subs</c>.</summary>
    public static OpteCommand DumpMcastSubs() =>
        new OpteCommand<DumpMcastSubscriptionsReq, DumpMcastSubscriptionsResp>(
            "dump-mcast-subs",
            OpteHelp.Describe("Dump which local ports subscribe to each underlay multicast group", "opteadm dump-mcast-subs", "opteadm dump-mcast-subs --json"),
            (_, _) => new DumpMcastSubscriptionsReq(),
            OpteText.DumpMcastSubscriptions,
            OpteJson.DumpMcastSubscriptions);

    /// <summary><c>mcast-subscribe -p PORT GROUP</c>.</summary>
    public static OpteCommand McastSubscribe()
    {
        var port = CliValues.PortOption();
        var group = CliValues.IpArgument("GROUP", "The overlay multicast group");
        return new OpteCommand<McastSubscribeReq, NoResp>(
            "mcast-subscribe",
            OpteHelp.Describe("Subscribe a port to an overlay multicast group", "opteadm mcast-subscribe -p opte0 239.1.1.1"),
            (parse, _) => new McastSubscribeReq(parse.GetValue(port)!, parse.GetValue(group)))
        {
            port,
            group,
        };
    }

    /// <summary><c>mcast-unsubscribe -p PORT GROUP</c>.</summary>
    public static OpteCommand McastUnsubscribe()
    {
        var port = CliValues.PortOption();
        var group = CliValues.IpArgument("GROUP", "The overlay multicast group");
        return new OpteCommand<McastUnsubscribeReq, NoResp>(
            "mcast-unsubscribe",
            OpteHelp.Describe("Unsubscribe a port from an overlay multicast group", "opteadm mcast-unsubscribe -p opte0 239.1.1.1"),
            (parse, _) => new McastUnsubscribeReq(parse.GetValue(port)!, parse.GetValue(group)))
        {
            port,
            group,
        };
    }

    /// <summary><c>mcast-unsubscribe-all GROUP</c>.</summary>
    public static OpteCommand McastUnsubscribeAll()
    {
        var group = CliValues.IpArgument("GROUP", "The overlay multicast group");
        return new OpteCommand<McastUnsubscribeAllReq, NoResp>(
            "mcast-unsubscribe-all",
            OpteHelp.Describe("Remove every port's subscription to an overlay multicast group", "opteadm mcast-unsubscribe-all 239.1.1.1"),
            (parse, _) => new McastUnsubscribeAllReq(parse.GetValue(group)))
        {
            group,
        };
    }

    private static (Argument<OpteNic.Api.Net.IpAddr> Group, Argument<OpteNic.Api.Net.Ipv6Addr> Underlay) M2pArguments() =>
        (CliValues.IpArgument("GROUP", "The overlay multicast group (IPv4 or IPv6)"),
         CliValues.Ipv6Argument("UNDERLAY", "The underlay multicast group (ff04::/16)"));
}

using System.CommandLine;
using System.Globalization;
using OpteAdm.Opte.Rendering;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;

namespace OpteAdm.Opte.Commands;

/// <summary>Virtual-to-physical and virtual-to-boundary mappings: set-v2p, clear-v2p, dump-v2p, set-v2b, clear-v2b,
/// dump-v2b.</summary>
internal static class MappingCommands
{
    /// <summary>Mappings per dump-v2p page unless <c>--page-size</c> says otherwise (each page is a bounded response).</summary>
    public const uint DefaultPageSize = 4096;

    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [SetV2p(), ClearV2p(), DumpV2p(), SetV2b(), ClearV2b(), DumpV2b()];

    /// <summary><c>set-v2p VPC_IP VPC_MAC UNDERLAY_IP VNI</c>.</summary>
    public static OpteCommand SetV2p() => V2pCommand<SetVirt2PhysReq>(
        "set-v2p",
        "Map a guest address to its MAC and sled underlay address on a VNI (replaces an existing mapping)",
        "opteadm set-v2p 172.30.0.6 a8:40:25:00:00:02 fd00:2::1 100",
        (vip, phys) => new SetVirt2PhysReq(vip, phys));

    /// <summary><c>clear-v2p VPC_IP VPC_MAC UNDERLAY_IP VNI</c>.</summary>
    public static OpteCommand ClearV2p() => V2pCommand<ClearVirt2PhysReq>(
        "clear-v2p",
        "Remove a V2P mapping (only if it still maps to this MAC and underlay address)",
        "opteadm clear-v2p 172.30.0.6 a8:40:25:00:00:02 fd00:2::1 100",
        (vip, phys) => new ClearVirt2PhysReq(vip, phys));

    /// <summary><c>dump-v2p [--page-size N]</c>.</summary>
    public static OpteCommand DumpV2p()
    {
        var pageSize = CliValues.OptionalValueOption<uint>("--page-size", $"Mappings per mailbox command (default {DefaultPageSize}; 0 = the whole table in one response)", "N",
            (ReadOnlySpan<char> t, out uint v) => uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a number");
        return new OpteCommand<DumpVirt2PhysReq, DumpVirt2PhysResp>(
            "dump-v2p",
            OpteHelp.Describe("Dump every virtual-to-physical mapping, per VNI (fetched in pages, so a million entries work)",
                "opteadm dump-v2p", "opteadm dump-v2p --json | jq '[.mappings[].ip4[]] | length'"),
            (parse, _) => new DumpVirt2PhysReq(0, null, parse.GetValue(pageSize) ?? DefaultPageSize),
            OpteText.DumpV2p,
            OpteJson.DumpV2p)
        {
            Send = FetchAllPages,
            Options = { pageSize },
        };
    }

    /// <summary><c>set-v2b PREFIX TEP…</c>.</summary>
    public static OpteCommand SetV2b() => V2bCommand<SetVirt2BoundaryReq>(
        "set-v2b",
        "Add boundary-services tunnel endpoints for an external prefix",
        "opteadm set-v2b 0.0.0.0/0 fd00:99::1 fd00:99::2",
        (prefix, endpoints) => new SetVirt2BoundaryReq(prefix, endpoints));

    /// <summary><c>clear-v2b PREFIX TEP…</c>.</summary>
    public static OpteCommand ClearV2b() => V2bCommand<ClearVirt2BoundaryReq>(
        "clear-v2b",
        "Remove boundary-services tunnel endpoints of an external prefix",
        "opteadm clear-v2b 0.0.0.0/0 fd00:99::2",
        (prefix, endpoints) => new ClearVirt2BoundaryReq(prefix, endpoints));

    /// <summary><c>dump-v2b</c>.</summary>
    public static OpteCommand DumpV2b() =>
        new OpteCommand<DumpVirt2BoundaryReq, DumpVirt2BoundaryResp>(
            "dump-v2b",
            OpteHelp.Describe("Dump every virtual-to-boundary mapping (external prefix → boundary tunnel endpoints)",
                "opteadm dump-v2b", "opteadm dump-v2b --json"),
            (_, _) => new DumpVirt2BoundaryReq(0),
            OpteText.DumpV2b,
            OpteJson.DumpV2b);

    /// <summary>
    /// Fetches every page of a V2P dump (each request continues at the previous page's <c>next</c> cursor) and joins
    /// them. A page size of 0 asks for the whole table at once (OPTE's form; the client's ENOBUFS growth applies). The
    /// card pages through its live table (datasheet §5.4); if the table's slot layout changed between two pages (a
    /// rebuild after many removals) the card answers <c>BadState</c> and the dump starts again, at most
    /// <see cref="V2pDumpAttempts"/> times.
    /// </summary>
    public static DumpVirt2PhysResp FetchAllPages(OpteCall call, DumpVirt2PhysReq request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return FetchPagesOnce(call, request);
            }
            catch (OpteDeviceException e) when (attempt < V2pDumpAttempts && request.MaxEntries != 0
                && e.OpteError is OpteError.BadState state && state.State.Contains("restart the dump", StringComparison.Ordinal))
            {
                // The table was rebuilt between two pages: start again from the beginning.
            }
        }
    }

    /// <summary>How many times dump-v2p starts a paged dump again after the card asked for a restart.</summary>
    public const int V2pDumpAttempts = 3;

    private static DumpVirt2PhysResp FetchPagesOnce(OpteCall call, DumpVirt2PhysReq request)
    {
        var mappings = new List<VpcMapResp>();
        var page = request with { After = null };
        while (true)
        {
            var response = call.Run<DumpVirt2PhysReq, DumpVirt2PhysResp>(page);
            Append(mappings, response.Mappings);
            if (page.MaxEntries == 0 || response.Next is not { } next)
            {
                return new DumpVirt2PhysResp(InDumpOrder(mappings));
            }

            if (page.After is { } previous && next.CompareTo(previous) <= 0)
            {
                throw new OpteDeviceException(DeviceErrorKind.ProtocolViolation,
                    $"DumpVirt2Phys: the firmware's next-page cursor ({next}) does not advance past the previous one ({previous})",
                    Errno.EIO);
            }

            page = page with { After = next };
        }
    }

    /// <summary>
    /// One group per VNI, VNIs ascending, addresses ascending within each family: the card's pages follow its table's
    /// slot order (each page sorted within itself), so the same VNI appears in many pages.
    /// </summary>
    public static ValueArray<VpcMapResp> InDumpOrder(List<VpcMapResp> groups) =>
        ValueArray<VpcMapResp>.From(groups
            .GroupBy(g => g.Vni.Value)
            .OrderBy(g => g.Key)
            .Select(g => new VpcMapResp(g.First().Vni,
                ValueArray<V2pEntry4>.From(g.SelectMany(x => x.Ip4).OrderBy(e => e.Ip.Value)),
                ValueArray<V2pEntry6>.From(g.SelectMany(x => x.Ip6).OrderBy(e => e.Ip.Value)))));

    /// <summary>Appends one page's per-VNI groups; a VNI split across the page boundary becomes one group.</summary>
    public static void Append(List<VpcMapResp> mappings, ValueArray<VpcMapResp> page)
    {
        foreach (var group in page)
        {
            if (mappings.Count > 0 && mappings[^1].Vni == group.Vni)
            {
                var last = mappings[^1];
                mappings[^1] = new VpcMapResp(last.Vni, ValueArray<V2pEntry4>.From(last.Ip4.Concat(group.Ip4)), ValueArray<V2pEntry6>.From(last.Ip6.Concat(group.Ip6)));
            }
            else
            {
                mappings.Add(group);
            }
        }
    }

    private static OpteCommand V2pCommand<TReq>(string name, string summary, string example, Func<OpteNic.Api.Net.IpAddr, PhysNet, TReq> create)
        where TReq : IOpteRequest<TReq, NoResp>
    {
        var vip = CliValues.IpArgument("VPC_IP", "The guest's (virtual) address");
        var mac = CliValues.MacArgument("VPC_MAC", "The guest's MAC address");
        var underlay = CliValues.Ipv6Argument("UNDERLAY_IP", "The underlay IPv6 address of the sled hosting the guest");
        var vni = CliValues.VniArgument("VNI", "The VPC's VNI");
        return new OpteCommand<TReq, NoResp>(
            name,
            OpteHelp.Describe(summary, example),
            (parse, _) => create(parse.GetValue(vip), new PhysNet(parse.GetValue(mac), parse.GetValue(underlay), parse.GetValue(vni))))
        {
            vip,
            mac,
            underlay,
            vni,
        };
    }

    private static OpteCommand V2bCommand<TReq>(string name, string summary, string example, Func<OpteNic.Api.Net.IpCidr, ValueArray<TunnelEndpoint>, TReq> create)
        where TReq : IOpteRequest<TReq, NoResp>
    {
        var prefix = CliValues.CidrArgument("PREFIX", "The external prefix");
        var endpoints = CliValues.TunnelEndpointsArgument("TUNNEL_ENDPOINT", $"Boundary tunnel endpoints: ADDR (VNI {CliValues.BoundaryServicesVni}) or ADDR,VNI");
        return new OpteCommand<TReq, NoResp>(
            name,
            OpteHelp.Describe(summary, example),
            (parse, _) => create(parse.GetValue(prefix), ValueArray<TunnelEndpoint>.From(parse.GetValue(endpoints)!)))
        {
            prefix,
            endpoints,
        };
    }
}

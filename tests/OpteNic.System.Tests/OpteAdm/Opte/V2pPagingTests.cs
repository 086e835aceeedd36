using global::OpteAdm.Opte.Commands;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>dump-v2p joins its pages: every VNI comes out as one group, VNIs and addresses in order.</summary>
public sealed class V2pPagingTests
{
    [Fact]
    public void Pages_join_into_one_group_per_vni_in_order()
    {
        var pages = new[]
        {
            Page((100, ["10.0.0.1", "10.0.0.2"], [])),
            Page((100, ["10.0.0.3"], ["fd00::1"]), (200, ["10.0.0.1"], [])),
            Page((200, [], ["fd00::2"])),
            Page((300, ["10.0.0.9"], [])),
        };

        var joined = new List<VpcMapResp>();
        foreach (var page in pages)
        {
            MappingCommands.Append(joined, page);
        }

        Assert.Equal([100u, 200u, 300u], joined.Select(g => g.Vni.Value));
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], joined[0].Ip4.Select(e => e.Ip.ToString()));
        Assert.Equal(["fd00::1"], joined[0].Ip6.Select(e => e.Ip.ToString()));
        Assert.Equal(["10.0.0.1"], joined[1].Ip4.Select(e => e.Ip.ToString()));
        Assert.Equal(["fd00::2"], joined[1].Ip6.Select(e => e.Ip.ToString()));
        Assert.Single(joined[2].Ip4);
    }

    [Fact]
    public void Empty_pages_change_nothing()
    {
        var joined = new List<VpcMapResp>();
        MappingCommands.Append(joined, Page((5, ["10.0.0.1"], [])));
        MappingCommands.Append(joined, []);
        Assert.Single(joined);
        Assert.Single(joined[0].Ip4);
    }

    [Fact]
    public void Live_pages_in_slot_order_come_out_one_group_per_vni_sorted()
    {
        // The card's pages follow its table's slot order: the same VNI recurs in later pages, addresses unordered across pages.
        var joined = new List<VpcMapResp>();
        MappingCommands.Append(joined, Page((200, ["10.0.0.5"], []), (300, ["10.0.0.9"], ["fd00::9"])));
        MappingCommands.Append(joined, Page((100, ["10.0.0.7"], ["fd00::3"]), (200, ["10.0.0.2"], [])));
        MappingCommands.Append(joined, Page((100, ["10.0.0.1"], ["fd00::1"])));

        var ordered = MappingCommands.InDumpOrder(joined);

        Assert.Equal([100u, 200u, 300u], ordered.Select(g => g.Vni.Value));
        Assert.Equal(["10.0.0.1", "10.0.0.7"], ordered[0].Ip4.Select(e => e.Ip.ToString()));
        Assert.Equal(["fd00::1", "fd00::3"], ordered[0].Ip6.Select(e => e.Ip.ToString()));
        Assert.Equal(["10.0.0.2", "10.0.0.5"], ordered[1].Ip4.Select(e => e.Ip.ToString()));
        Assert.Equal(["fd00::9"], ordered[2].Ip6.Select(e => e.Ip.ToString()));
    }

    private static OpteNic.Api.ValueArray<VpcMapResp> Page(params (uint Vni, string[] V4, string[] V6)[] groups)
    {
        var phys = new GuestPhysAddr(MacAddr.Parse("a8:40:25:00:00:01"), Ipv6Addr.Parse("fd00:9::1"));
        return OpteNic.Api.ValueArray<VpcMapResp>.From(groups.Select(g => new VpcMapResp(
            new Vni(g.Vni),
            OpteNic.Api.ValueArray<V2pEntry4>.From(g.V4.Select(a => new V2pEntry4(Ipv4Addr.Parse(a), phys))),
            OpteNic.Api.ValueArray<V2pEntry6>.From(g.V6.Select(a => new V2pEntry6(Ipv6Addr.Parse(a), phys))))));
    }
}

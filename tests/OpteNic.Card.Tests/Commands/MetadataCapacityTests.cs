using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Metadata;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// Router targets and firewall <c>vni=</c> filters are interned as metadata values; once a port's interner is full,
/// a command that needs a new value is answered MaxCapacity through the mailbox and changes nothing, while commands
/// whose values are already known still work.
/// </summary>
public sealed class MetadataCapacityTests
{
    [Fact]
    public void A_full_metadata_interner_is_MaxCapacity_for_new_values_and_changes_nothing()
    {
        using var card = new CommandCard().WithPeerRoute();
        Assert.True(card.Firmware.Registry.Current.TryGetByName(Port0, out var port));
        var routerBefore = card.Ok(new DumpLayerReq(Port0, "router")).RulesOut.Count;
        var firewallBefore = card.Ok(new DumpLayerReq(Port0, "firewall")).RulesIn.Count;

        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 hosts=vni=5 protocol=udp", out var knownVni, out _));
        card.Ok(new AddFwRuleReq(Port0, knownVni));
        MetadataInterner interner = port.Vpc.Targets.Interner;
        for (var i = 0; interner.TryIntern($"filler-{i}", out _) == MetadataInternResult.Ok; i++)
        {
        }

        var full = new OpteError.MaxCapacity(MetadataInterner.Capacity);
        var newTarget = new AddRouterEntryReq(Port0, IpCidr.Parse("10.9.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("172.30.0.9")), RouterClass.Custom);
        Assert.Equal(full, card.Fail(newTarget));
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=20 hosts=vni=6 protocol=tcp", out var newVni, out _));
        Assert.Equal(full, card.Fail(new AddFwRuleReq(Port0, newVni)));
        Assert.Equal(full, card.Fail(new SetFwRulesReq(Port0, [knownVni, newVni])));

        Assert.Equal(routerBefore, card.Ok(new DumpLayerReq(Port0, "router")).RulesOut.Count);
        Assert.Equal(firewallBefore + 1, card.Ok(new DumpLayerReq(Port0, "firewall")).RulesIn.Count);

        // Values the interner already holds need no space.
        card.Ok(new SetFwRulesReq(Port0, [knownVni]));
        card.Ok(new AddRouterEntryReq(Port0, IpCidr.Parse("10.8.0.0/16"), new RouterTarget.Drop(), RouterClass.Custom));
        Assert.Equal(routerBefore + 1, card.Ok(new DumpLayerReq(Port0, "router")).RulesOut.Count);
    }
}

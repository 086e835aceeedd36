using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Vpc.Layers;
using Xunit;

namespace OpteNic.Vpc.Tests.Layers;

/// <summary>
/// Command-driven metadata (router targets, firewall <c>vni=</c> filters) on a full interner: a precise "no space"
/// error the command can report, nothing half-registered, and strings already interned still usable.
/// </summary>
public sealed class MetadataInternFullTests
{
    private const int Capacity = 32;
    private readonly MetadataInterner _interner = new(Capacity);
    private readonly RouteTargets _targets;
    private readonly VniTags _vniTags;

    public MetadataInternFullTests()
    {
        _targets = new RouteTargets(_interner);
        _vniTags = new VniTags(_interner);
        Assert.Equal(MetadataInternResult.Ok, _vniTags.TryIntern(new Vni(7), out _));
        Assert.True(VpcRouter.TryToRule(IpCidr.Parse("10.1.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("10.1.0.1")), RouterClass.Custom,
            _targets, out _, out string? error), error);
        for (int i = 0; _interner.Count < Capacity; i++)
        {
            Assert.Equal(MetadataInternResult.Ok, _interner.TryIntern($"filler-{i}", out _));
        }
    }

    [Fact]
    public void RouterEntryWithNewTargetOnFullInternerIsNoSpaceError()
    {
        long failuresBefore = _interner.FullFailures;

        bool ok = VpcRouter.TryToRule(IpCidr.Parse("10.2.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("10.2.0.1")), RouterClass.Custom,
            _targets, out Rule? rule, out string? error);

        Assert.False(ok);
        Assert.Null(rule);
        Assert.StartsWith("no space:", error, StringComparison.Ordinal);
        Assert.Contains("ip4=10.2.0.1", error, StringComparison.Ordinal);
        Assert.Equal(failuresBefore + 1, _interner.FullFailures);
        Assert.False(_interner.TryGetId("ip4=10.2.0.1", out _));
        Assert.Equal(Capacity, _interner.Count);
    }

    [Fact]
    public void RouterEntryWithKnownTargetStillWorksOnFullInterner()
    {
        Assert.True(VpcRouter.TryToRule(IpCidr.Parse("10.3.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("10.1.0.1")), RouterClass.System,
            _targets, out Rule? sameNextHop, out string? error), error);
        Assert.NotNull(sameNextHop);
        Assert.True(VpcRouter.TryToRule(IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System,
            _targets, out _, out error), error);
        Assert.True(VpcRouter.TryToRule(IpCidr.Parse("10.4.0.0/16"), new RouterTarget.Drop(), RouterClass.Custom,
            _targets, out _, out error), error);
    }

    [Fact]
    public void InvalidRouterEntryReportsValidationErrorBeforeInterning()
    {
        Assert.False(VpcRouter.TryToRule(IpCidr.Parse("10.5.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("fd00::1")), RouterClass.Custom,
            _targets, out _, out string? error));
        Assert.Equal(VpcRouter.Validate(IpCidr.Parse("10.5.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("fd00::1"))), error);
    }

    [Fact]
    public void ToRuleThrowsOnFullInterner()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            VpcRouter.ToRule(IpCidr.Parse("10.6.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("10.6.0.1")), RouterClass.Custom, _targets));
        Assert.StartsWith("no space:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewVniOnFullInternerIsFullAndStaysUntagged()
    {
        Assert.Equal(MetadataInternResult.Full, _vniTags.TryIntern(new Vni(99), out ushort id));
        Assert.Equal(_vniTags.Other, id);
        Assert.Equal(_vniTags.Other, _vniTags.IdOf(99));
        Assert.StartsWith("no space:", VniTags.FullMessage(new Vni(99)), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => _vniTags.Intern(new Vni(99)));

        Assert.Equal(MetadataInternResult.Ok, _vniTags.TryIntern(new Vni(7), out ushort known));
        Assert.Equal(known, _vniTags.IdOf(7));
        Assert.NotEqual(_vniTags.Other, known);
    }
}

using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.Api.Tests.Vpc;

/// <summary>The firewall text grammar: valid forms parse to the expected rule and print canonically; each invalid
/// field yields an error naming that field.</summary>
public class FirewallRuleTextTests
{
    [Fact]
    public void Full_rule_parses_to_the_expected_value()
    {
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=65535 hosts=subnet=10.0.0.0/24 protocol=TCP port=22,443",
            out FirewallRule? rule, out FirewallRuleParseError? error), error?.ToString());
        Assert.Equal(Samples.Rule, rule);
    }

    [Fact]
    public void Minimal_rule_defaults_to_any()
    {
        Assert.True(FirewallRuleText.TryParse("dir=out action=deny priority=0", out FirewallRule? rule, out _));
        Assert.Equal(new FirewallRule(Direction.Out, Filters.Everything, FirewallAction.Deny, 0), rule);
    }

    [Theory]
    [InlineData("dir=in action=allow priority=10 hosts=any protocol=any port=any")]
    [InlineData("dir=in action=allow priority=10 hosts=ip=10.0.0.9 protocol=udp port=53")]
    [InlineData("dir=out action=deny priority=100 hosts=ip=fd00::1 protocol=tcp port=80,8080")]
    [InlineData("dir=in action=allow priority=5 hosts=vni=16777215 protocol=icmp port=any")]
    [InlineData("dir=in action=allow priority=5 hosts=any protocol=icmp:8 port=any")]
    [InlineData("dir=in action=allow priority=5 hosts=any protocol=icmp:3,4 port=any")]
    [InlineData("dir=in action=allow priority=5 hosts=any protocol=icmp6:1,0-6 port=any")]
    [InlineData("dir=in action=allow priority=5 hosts=any protocol=arp port=any")]
    [InlineData("dir=in action=allow priority=5 hosts=subnet=fd00::/64 protocol=47 port=any")]
    public void Canonical_text_round_trips(string text)
    {
        Assert.True(FirewallRuleText.TryParse(text, out FirewallRule? rule, out FirewallRuleParseError? error),
            error?.ToString());
        Assert.Equal(text, FirewallRuleText.Format(rule));
        Assert.Equal(text, rule.ToString());
    }

    [Theory]
    [InlineData("priority=1 action=deny dir=in ip=10.0.0.9", "dir=in action=deny priority=1 hosts=ip=10.0.0.9 protocol=any port=any")]
    [InlineData("DIR=IN ACTION=ALLOW PRIORITY=7 PROTOCOL=UDP", "dir=in action=allow priority=7 hosts=any protocol=udp port=any")]
    [InlineData("dir=in action=allow priority=7 protocol=6", "dir=in action=allow priority=7 hosts=any protocol=tcp port=any")]
    [InlineData("dir=in   action=allow\tpriority=7 port=22", "dir=in action=allow priority=7 hosts=any protocol=any port=22")]
    public void Alternative_spellings_normalise(string text, string canonical)
    {
        Assert.True(FirewallRuleText.TryParse(text, out FirewallRule? rule, out FirewallRuleParseError? error),
            error?.ToString());
        Assert.Equal(canonical, rule.ToString());
    }

    [Theory]
    [InlineData("dir=up action=allow priority=1", "dir", "up")]
    [InlineData("dir=in action=permit priority=1", "action", "permit")]
    [InlineData("dir=in action=allow priority=65536", "priority", "65536")]
    [InlineData("dir=in action=allow priority=-1", "priority", "-1")]
    [InlineData("dir=in action=allow priority=x", "priority", "x")]
    [InlineData("dir=in action=allow priority=1 hosts=ip=10.0.0.256", "hosts", "ip=10.0.0.256")]
    [InlineData("dir=in action=allow priority=1 hosts=subnet=10.0.0.0/33", "hosts", "subnet=10.0.0.0/33")]
    [InlineData("dir=in action=allow priority=1 hosts=vni=16777216", "hosts", "vni=16777216")]
    [InlineData("dir=in action=allow priority=1 hosts=everyone", "hosts", "everyone")]
    [InlineData("dir=in action=allow priority=1 protocol=sctp", "protocol", "sctp")]
    [InlineData("dir=in action=allow priority=1 protocol=256", "protocol", "256")]
    [InlineData("dir=in action=allow priority=1 protocol=icmp:3,5-4", "protocol", "icmp:3,5-4")]
    [InlineData("dir=in action=allow priority=1 protocol=tcp:1", "protocol", "tcp:1")]
    [InlineData("dir=in action=allow priority=1 protocol=tcp port=0", "port", "0")]
    [InlineData("dir=in action=allow priority=1 protocol=tcp port=22,0", "port", "22,0")]
    [InlineData("dir=in action=allow priority=1 protocol=tcp port=65536", "port", "65536")]
    [InlineData("dir=in action=allow priority=1 protocol=tcp port=", "port", "")]
    [InlineData("dir=in action=allow priority=1 protocol=icmp port=22", "port", "22")]
    [InlineData("dir=in action=allow priority=1 colour=red", "colour", "red")]
    [InlineData("dir=in action=allow priority=1 dir=out", "dir", "out")]
    [InlineData("dir=in action=allow priority=1 hosts=any ip=10.0.0.1", "hosts", "10.0.0.1")]
    [InlineData("dir=in action=allow priority=1 junk", "field", "junk")]
    [InlineData("action=allow priority=1", "dir", "")]
    [InlineData("dir=in priority=1", "action", "")]
    [InlineData("dir=in action=allow", "priority", "")]
    public void Each_bad_field_is_named(string text, string field, string value)
    {
        Assert.False(FirewallRuleText.TryParse(text, out _, out FirewallRuleParseError? error));
        Assert.Equal(field, error.Field);
        Assert.Equal(value, error.Value);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Fact]
    public void Many_rules_skip_comments_and_report_the_line()
    {
        const string text = "# web\n\ndir=in action=allow priority=10 protocol=tcp port=80\ndir=in action=allow priority=11\n";
        Assert.True(FirewallRuleText.TryParseMany(text, out ValueArray<FirewallRule> rules, out _));
        Assert.Equal(2, rules.Count);
        Assert.Equal((ushort)11, rules[1].Priority);

        Assert.False(FirewallRuleText.TryParseMany(text + "dir=in action=allow priority=12 port=0\n", out _,
            out FirewallRuleParseError? error));
        Assert.Equal(5, error.Line);
        Assert.Equal("port", error.Field);
        Assert.StartsWith("line 5: bad port '0'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Vni_host_parses_as_vni()
    {
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=1 vni=42", out FirewallRule? rule, out _));
        Assert.Equal(new FirewallAddress.Vni(new Vni(42)), rule.Filters.Hosts);
    }
}

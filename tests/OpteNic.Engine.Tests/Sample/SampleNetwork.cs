using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>
/// A representative five-layer port in OPTE's shape (gateway, firewall, router, nat, overlay) built only from the
/// engine's generic parts and the sample actions: anti-spoofing and an ARP hairpin, a stateful firewall, a router that
/// tags metadata, SNAT for "internet" traffic, and Geneve encapsulation. Outbound fast path: SNAT rewrite + MAC
/// rewrite + push Ethernet/IPv6/UDP/Geneve.
/// </summary>
public sealed class SampleNetwork
{
    public SampleNetwork(PortOptions? options = null, int extraFirewallRules = 0, int snatPorts = 4096, int lftLimit = 8192, int snatAddresses = 1)
    {
        var builder = new PortBuilder("sample0");
        Interner = builder.Interner;
        RouterTargetKey = Interner.Intern("router-target");
        InternetGateway = Interner.Intern("ig");
        Subnet = Interner.Intern("subnet");
        Snat = new SnatAction(ExternalIp, ExternalIp6, (ushort)(65535 - snatPorts + 1), 65535, snatAddresses);

        Gateway = new Layer("gateway", DefaultAction.Deny, DefaultAction.Deny, lftLimit);
        Firewall = new Layer("firewall", DefaultAction.Deny, DefaultAction.StatefulAllow, lftLimit);
        Router = new Layer("router", DefaultAction.Allow, DefaultAction.Deny, lftLimit);
        Nat = new Layer("nat", DefaultAction.Allow, DefaultAction.Allow, lftLimit);
        Overlay = new Layer("overlay", DefaultAction.Deny, DefaultAction.Deny, lftLimit);

        // Built out of order on purpose: exercises every position kind.
        builder.AddLayer(Router, LayerPosition.Last)
            .AddLayer(Gateway, LayerPosition.First)
            .AddLayer(Overlay, LayerPosition.After("router"))
            .AddLayer(Firewall, LayerPosition.Before("router"))
            .AddLayer(Nat, LayerPosition.After("router"));
        Port = builder.Create(options ?? new PortOptions());

        var rewriteToGateway = new MacRewriteAction(GatewayMac);
        Check(Port.SetRules("gateway",
            inbound:
            [
                new Rule(10, rewriteToGateway, [Predicate.InnerDstIp(IpPrefix.Exact(GuestIp), IpPrefix.Exact(GuestIp6)), Predicate.InnerEtherDst(GuestMac.Value)]),
            ],
            outbound:
            [
                new Rule(1, new ArpReplyAction(GatewayMac, GatewayIp), [Predicate.InnerEtherType((ushort)EtherType.Arp)]),
                new Rule(10, RuleAction.Allow, [Predicate.InnerSrcIp(IpPrefix.Exact(GuestIp), IpPrefix.Exact(GuestIp6)), Predicate.InnerEtherSrc(GuestMac.Value)]),
            ]));

        var firewallIn = new List<Rule>
        {
            new(100, RuleAction.StatefulAllow, [Predicate.InnerIpProtocol((byte)IpProtocol.Tcp), Predicate.InnerDstPort(22)]),
            new(100, RuleAction.Allow, [Predicate.InnerIpProtocol((byte)IpProtocol.Icmp)]),
        };
        for (int i = 0; i < extraFirewallRules; i++)
        {
            // Inbound allows for other ports and peers: realistic filler that never matches the benchmark's flows.
            firewallIn.Add(new Rule((ushort)(200 + (i % 50)), RuleAction.StatefulAllow,
            [
                Predicate.InnerIpProtocol((byte)IpProtocol.Tcp),
                Predicate.InnerSrcIp(new IpPrefix(IpAddr.FromIpv4(0xC0A80000u + ((uint)i << 8)), 24)),
                Predicate.InnerDstPort((ushort)(1000 + (i % 20000))),
            ]));
        }

        Check(Port.SetRules("firewall", firewallIn, []));
        Check(Port.SetRules("router", [],
        [
            new Rule(10, new SetMetadataAction(RouterTargetKey, Subnet), [Predicate.InnerDstIp(IpPrefix.Parse("10.0.0.0/24"))]),
            new Rule(40, new SetMetadataAction(RouterTargetKey, InternetGateway), [Predicate.InnerDstIp(IpPrefix.Parse("0.0.0.0/0"))]),
            new Rule(140, new SetMetadataAction(RouterTargetKey, InternetGateway), [Predicate.InnerDstIp(IpPrefix.Parse("::/0"))]),
        ]));
        Check(Port.SetRules("nat", [],
        [
            new Rule(100, Snat, [Predicate.Meta(RouterTargetKey, InternetGateway), Predicate.InnerIpProtocol((byte)IpProtocol.Tcp, (byte)IpProtocol.Udp)]),
        ]));
        var encap = new EncapAction(UnderlayLocal, UnderlayRemote, Vni);
        Check(Port.SetRules("overlay", [Rule.MatchAny(1, encap)], [Rule.MatchAny(1, encap)]));
        Check(Port.Start());
    }

    public Port Port { get; }
    public OpteNic.Engine.Metadata.MetadataInterner Interner { get; }
    public ushort RouterTargetKey { get; }
    public ushort InternetGateway { get; }
    public ushort Subnet { get; }
    public SnatAction Snat { get; }
    public Layer Gateway { get; }
    public Layer Firewall { get; }
    public Layer Router { get; }
    public Layer Nat { get; }
    public Layer Overlay { get; }

    private static void Check(PortOperationResult result)
    {
        if (result != PortOperationResult.Ok)
        {
            throw new InvalidOperationException($"sample network setup failed: {result}");
        }
    }
}

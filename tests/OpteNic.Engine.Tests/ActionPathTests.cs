using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>Replay (body transformations), handle-packet verdicts and meta denies on a small unencapsulated port.</summary>
public sealed class ActionPathTests
{
    private static readonly Moment T0 = Moment.FromSeconds(1);
    private readonly PacketBuffer _buffer = new(2048);

    [Fact]
    public void Body_transform_forces_replay_and_replay_gives_the_slow_path_bytes()
    {
        var action = new MarkBodyAction();
        Port port = SingleLayerPort(new Rule(1, action, [Predicate.InnerIpProtocol((byte)IpProtocol.Udp)]));
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53, payload: 4);
        byte[] input = _buffer.Frame.ToArray();
        Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Outbound, _buffer, T0).Outcome);
        byte[] slowOutput = _buffer.Frame.ToArray();
        Assert.Equal(OpteNic.Engine.Flows.UftTransformKind.List, UftTransformKindOf(port));

        _buffer.TryLoad(input);
        Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Outbound, _buffer, T0).Outcome);
        Assert.Equal(1, port.Outbound.UftHit);
        Assert.Equal(slowOutput, _buffer.Frame.ToArray());
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out _));
        Assert.Equal((byte)0xEE, _buffer.Frame[parsed.BodyOffset]);
        Assert.Equal((ushort)2000, parsed.SrcPort);
    }

    [Theory]
    [InlineData(HandlePacketVerdict.Allow, ProcessOutcome.Modified)]
    [InlineData(HandlePacketVerdict.Deny, ProcessOutcome.Drop)]
    [InlineData(HandlePacketVerdict.Hairpin, ProcessOutcome.Hairpin)]
    public void Handle_packet_verdicts(HandlePacketVerdict verdict, ProcessOutcome outcome)
    {
        Port port = SingleLayerPort(Rule.MatchAny(1, new FixedHandler(verdict)));
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53);
        ProcessResult result = port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(verdict == HandlePacketVerdict.Deny ? 1 : 0, port.Outbound.DropHandlePacket);
        Assert.Equal(verdict == HandlePacketVerdict.Hairpin ? 1 : 0, port.Outbound.Hairpin);
        Assert.Equal(verdict == HandlePacketVerdict.Allow ? 1 : 0, port.UftOut.Count);
    }

    [Fact]
    public void Meta_action_deny_is_a_layer_deny_with_reason_action()
    {
        Port port = SingleLayerPort(Rule.MatchAny(1, new FullMetadata()));
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53);
        ProcessResult result = port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(DropReason.Layer, result.DropReason);
        Assert.Equal(DenyReason.Action, result.DenyReason);
        Assert.Equal("only", result.LayerName);
    }

    [Fact]
    public void Icmp_echo_flow_is_keyed_by_id_and_the_reply_hits_the_stateful_pair()
    {
        var layer = new Layer("fw", DefaultAction.Deny, DefaultAction.StatefulAllow);
        Port port = new PortBuilder("icmp").AddLayer(layer, LayerPosition.Last)
            .Create(new PortOptions { InboundParseMode = ParseMode.InboundUnencapsulated });
        port.Start();
        Frames.IcmpEcho(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 8, id: 77);
        Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Outbound, _buffer, T0).Outcome);
        Frames.IcmpEcho(_buffer, GatewayMac, GuestMac, RemoteIp, GuestIp, 0, id: 77);
        Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Inbound, _buffer, T0).Outcome);
        Assert.Equal(1, layer.Inbound.LftHit);
        Frames.IcmpEcho(_buffer, GatewayMac, GuestMac, RemoteIp, GuestIp, 0, id: 78);
        Assert.Equal(ProcessOutcome.Drop, port.Process(Direction.Inbound, _buffer, T0).Outcome);
    }

    private static OpteNic.Engine.Flows.UftTransformKind UftTransformKindOf(Port port)
    {
        for (int slot = 0; slot < port.UftOut.SlotCount; slot++)
        {
            if (port.UftOut.IsUsed(slot))
            {
                return port.UftOut.EntryAt(slot).TransformKind;
            }
        }

        throw new InvalidOperationException("no UFT entry");
    }

    private static Port SingleLayerPort(Rule rule)
    {
        var layer = new Layer("only", DefaultAction.Deny, DefaultAction.Deny);
        Port port = new PortBuilder("single").AddLayer(layer, LayerPosition.Last)
            .Create(new PortOptions { InboundParseMode = ParseMode.InboundUnencapsulated, UftLimit = 64, TcpLimit = 64 });
        Assert.Equal(PortOperationResult.Ok, port.SetRules("only", [rule], [rule]));
        port.Start();
        return port;
    }

    /// <summary>Stateful action whose descriptor rewrites the source port and marks the first body byte.</summary>
    private sealed class MarkBodyAction : StatefulAction
    {
        private readonly MarkBodyDescriptor _descriptor = new();

        public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor)
        {
            descriptor = _descriptor;
            return true;
        }
    }

    private sealed class MarkBodyDescriptor : ActionDescriptor
    {
        public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow) =>
            new() { InnerUlp = UlpTransform.Modify(srcPort: 2000) };

        public override bool HasBodyTransform => true;

        public override bool TryTransformBody(Direction direction, Span<byte> frame, in ParsedPacket packet)
        {
            if (packet.BodyLength == 0)
            {
                return false;
            }

            frame[packet.BodyOffset] = 0xEE;
            return true;
        }
    }

    private sealed class FixedHandler(HandlePacketVerdict verdict) : HandlePacketAction
    {
        public override HandlePacketVerdict Handle(Direction direction, ReadOnlySpan<byte> request, in ParsedPacket packet,
            ref PacketMetadata metadata, PacketBuffer reply)
        {
            if (verdict == HandlePacketVerdict.Hairpin)
            {
                reply.TryLoad(request); // echo the request back
            }

            return verdict;
        }
    }

    private sealed class FullMetadata : MetaAction
    {
        public override bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata) => false;
    }
}

using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// ICMP errors sent to a SNAT address (RFC 5508 section 4.2 under SNAT): the error goes to the guest's private address,
/// and the packet it quotes — sent from the SNAT address and port — is translated back to the guest's address and
/// port (or ICMP echo identifier), found per packet from the nat layer's SNAT flow the quote belongs to. Many SNAT
/// flows share one remote's error flow (same ICMP type and code), so the mapping cannot be fixed per LFT pair: one
/// descriptor per family serves every pair, holding no per-flow state (nothing to release).
/// </summary>
public sealed class SnatIcmpErrorDescriptor : ActionDescriptor
{
    private readonly NatState _state;

    internal SnatIcmpErrorDescriptor(NatState state, IpAddr privateIp, IpAddr externalIp)
    {
        _state = state;
        PrivateIp = privateIp;
        ExternalIp = externalIp;
    }

    /// <summary>The guest's private address (the error's new destination).</summary>
    public IpAddr PrivateIp { get; }

    /// <summary>The SNAT address the errors were sent to.</summary>
    public IpAddr ExternalIp { get; }

    /// <inheritdoc/>
    public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow)
        => direction == Direction.Inbound ? new HeaderTransform { InnerIp = IpTransform.Modify(dst: PrivateIp) } : default;

    /// <inheritdoc/>
    public override bool HasBodyTransform => true;

    /// <summary>
    /// Finds the SNAT flow the quoted packet belongs to (its reply key in the nat layer's flow table) and rewrites the
    /// quote to the guest's address and port. False — the packet is dropped and <see cref="NatState.IcmpErrorsUntranslated"/>
    /// counted — when the quote is malformed or belongs to no SNAT flow of this address.
    /// </summary>
    public override bool TryTransformBody(Direction direction, Span<byte> frame, in ParsedPacket packet)
    {
        if (direction != Direction.Inbound)
        {
            return true;
        }

        LayerFlowTable? flows = _state.Flows;
        if (flows is not null && IcmpErrorTranslator.TryReadQuoted(frame, in packet, out QuotedPacket quoted) && quoted.Source == ExternalIp
            && quoted.TryGetFlow(out InnerFlowId sent))
        {
            // The SNAT pair's inbound key is the mirror of the flow as it left the nat layer — which is what was quoted.
            InnerFlowId reply = sent.Mirror();
            if (flows.TryFind(Direction.Inbound, in reply, out int pair) && flows.EntryAt(pair).Descriptor is SnatDescriptor snat
                && snat.ExternalIp == ExternalIp
                && IcmpErrorTranslator.TryRewriteSource(frame, in packet, in quoted, snat.PrivateIp, snat.PrivatePort))
            {
                return true;
            }
        }

        Interlocked.Increment(ref _state.IcmpErrorsUntranslated);
        return false;
    }

    /// <summary>Valid while the port's SNAT address of this family is still <see cref="ExternalIp"/>.</summary>
    public override bool IsValid()
    {
        ExternalIps current = _state.Current;
        SnatPool? pool = ExternalIp.IsIpv4 ? current.SnatV4 : current.SnatV6;
        return pool is not null && pool.ExternalIp == ExternalIp;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SNAT ICMP error {ExternalIp} -> {PrivateIp}";
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The per-flow part of a <see cref="FlowRewrite"/>, 20 bytes: IPv4 addresses in 4 bytes, ports, the precomputed
/// checksum deltas, which fields change and the rewrite's shape (which MACs are set, the IP version it needs). Everything
/// but the MACs, which a UFT interns because the flows of a port share a handful of MAC pairs; this is what fits in a
/// flow's one-line UFT slot.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public readonly struct FlowRewriteFields
{
    internal const byte EtherSetMask = 0b11;
    internal const byte Ipv4Required = 1 << 2;
    internal const byte Ipv6Required = 1 << 3;
    // The rewrite changes no address or port and sets no IP or L4 field: it applies to any protocol.
    internal const byte NoFieldSet = 1 << 4;
    internal const byte Valid = 1 << 7;

    private readonly uint _ipv4Src;
    private readonly uint _ipv4Dst;
    private readonly ushort _srcPort;
    private readonly ushort _dstPort;
    private readonly ushort _addressDelta;
    private readonly ushort _upperLayerDelta;
    private readonly ushort _ipv4AddressSum;
    private readonly FlowRewriteChanges _changes;
    private readonly byte _shape;

    internal FlowRewriteFields(in CompiledInner inner, byte shape)
    {
        ref readonly InnerRewrite rewrite = ref inner.Rewrite;
        FlowRewriteChanges changes = inner.Changes;
        _ipv4Src = (changes & FlowRewriteChanges.SrcIp) != 0 ? rewrite.IpSrc.Ipv4 : 0;
        _ipv4Dst = (changes & FlowRewriteChanges.DstIp) != 0 ? rewrite.IpDst.Ipv4 : 0;
        _srcPort = rewrite.SrcPort;
        _dstPort = rewrite.DstPort;
        _addressDelta = inner.AddressDelta;
        _upperLayerDelta = inner.UpperLayerDelta;
        _ipv4AddressSum = inner.Ipv4AddressSum;
        _changes = changes;
        _shape = shape;
    }

    /// <summary>False for the default value: no narrow form.</summary>
    public bool IsValid
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_shape & Valid) != 0;
    }

    /// <summary>Which inner MACs the rewrite writes (none: the MACs of its <see cref="FlowRewrite"/> are unused).</summary>
    public EtherFields EtherSet
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (EtherFields)(_shape & EtherSetMask);
    }

    internal uint Ipv4Src
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _ipv4Src;
    }

    internal uint Ipv4Dst
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _ipv4Dst;
    }

    internal ushort SrcPort
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _srcPort;
    }

    internal ushort DstPort
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _dstPort;
    }

    internal ushort AddressDelta
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _addressDelta;
    }

    internal ushort UpperLayerDelta
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _upperLayerDelta;
    }

    internal ushort Ipv4AddressSum
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _ipv4AddressSum;
    }

    internal FlowRewriteChanges Changes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _changes;
    }

    /// <summary>As <see cref="CompiledInner.AppliesTo"/> of the compiled inner this came from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool AppliesTo(in FlowHeaders headers)
    {
        byte shape = _shape;
        if (((shape & Ipv4Required) != 0 && headers.IpVersion != 4) || ((shape & Ipv6Required) != 0 && headers.IpVersion != 6))
        {
            return false;
        }

        FlowRewriteChanges changes = _changes;
        if (changes == FlowRewriteChanges.None)
        {
            return (shape & NoFieldSet) != 0;
        }

        return headers.Flow.Protocol == ((changes & FlowRewriteChanges.Tcp) != 0 ? IpProtocol.Tcp : IpProtocol.Udp);
    }
}

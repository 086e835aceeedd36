using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Flows;

/// <summary>
/// The hot line of one UFT slot: one aligned 64-byte cache line holding everything a fast-path hit of an IPv4 flow
/// reads and writes, so that at a million flows such a hit costs one line from memory:
/// <list type="bullet">
/// <item>the key in 16 bytes (IPv4 addresses in 4 bytes each, protocol and ports, the in-use mark; an IPv6 key keeps
/// a folded check here and its whole form in the slot's second line);</item>
/// <item>the epoch's low 32 bits (the port flushes its UFTs when the low word wraps, so a match is exact), the low
/// 16 bits of the hit count (carried into the cold array when they wrap), the last hit;</item>
/// <item>the TCP link, flags (TCP, has dependency stamps, transformation kind), the shared outer-header template and
/// MAC pair (indices into the table's pools), and the flow's narrow rewrite without its MACs
/// (<see cref="FlowRewriteFields"/>).</item>
/// </list>
/// Dependency stamps, the IPv6 key and the rest of the entry live in the slot's second line and the table's side
/// arrays; <see cref="UnifiedFlowTable"/> reads them through the slot.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct UftEntry
{
    /// <summary>IPv4 key: source | destination &lt;&lt; 32; IPv6 key: a fold of both (the whole key is in the second line).</summary>
    [FieldOffset(0)]
    internal ulong KeyAddresses;
    /// <summary>Protocol and ports (<see cref="Packets.InnerFlowId.ProtocolAndPorts"/>), the in-use mark and the wide-key mark.</summary>
    [FieldOffset(8)]
    internal ulong KeyTail;
    /// <summary>Low 32 bits of the port epoch at creation; a hit in another epoch invalidates the pair.</summary>
    [FieldOffset(16)]
    public uint Epoch;
    /// <summary>Hits modulo 2^16 (the table carries the rest; see <see cref="UnifiedFlowTable.HitsAt"/>).</summary>
    [FieldOffset(20)]
    internal ushort HitsLow;
    [FieldOffset(22)]
    internal UftEntryFlags Flags;
    /// <summary>Last hit (ns).</summary>
    [FieldOffset(24)]
    public long LastHit;
    /// <summary>The TCP entry of this flow, if it is TCP.</summary>
    [FieldOffset(32)]
    public FlowRef Tcp;
    /// <summary>Index of the shared outer-header template in the table's pool (at most 4096); -1 for none.</summary>
    [FieldOffset(40)]
    internal short OuterIndex;
    /// <summary>Index of the narrow rewrite's MAC pair in the table's pool; <see cref="UnifiedFlowTable.NoMacPair"/> for none.</summary>
    [FieldOffset(42)]
    internal ushort MacPairIndex;
    /// <summary>The flow's narrow inner rewrite without its MACs (invalid when the rewrites have no narrow form).</summary>
    [FieldOffset(44)]
    internal FlowRewriteFields Rewrite;

    /// <summary>True for TCP flows (evictable).</summary>
    public bool IsTcp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        readonly get => (Flags & UftEntryFlags.Tcp) != 0;
        internal set => Flags = value ? Flags | UftEntryFlags.Tcp : Flags & ~UftEntryFlags.Tcp;
    }

    /// <summary>How the stored transformation is applied.</summary>
    public UftTransformKind TransformKind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        readonly get => (UftTransformKind)((int)(Flags & UftEntryFlags.KindMask) >> 2);
        internal set => Flags = (Flags & ~UftEntryFlags.KindMask) | (UftEntryFlags)(((int)value << 2) & (int)UftEntryFlags.KindMask);
    }

    /// <summary>True when the entry has dependency stamps to check (in the slot's second line).</summary>
    internal readonly bool HasDependencies
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Flags & UftEntryFlags.Dependencies) != 0;
    }
}

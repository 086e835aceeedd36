using System.Numerics;
using System.Runtime.CompilerServices;

namespace OpteNic.Packets;

/// <summary>
/// The flow a packet belongs to, as the engine's flow tables key it: {protocol, source, destination, two 16-bit words
/// of protocol information}. For TCP and UDP the words are the source and destination ports; for ICMP and ICMPv6 the
/// first word is type&lt;&lt;8 | code and the second is the echo identifier (0 for non-echo messages).
/// Equality and hashing are hand-written over five <see cref="ulong"/>s (a compiler-generated record struct was 2.5×
/// slower on the fast path, see performance notes); the hash is CRC32C-based, hardware-accelerated where available.
/// </summary>
public readonly struct InnerFlowId : IEquatable<InnerFlowId>
{
    private readonly IpAddr _src;
    private readonly IpAddr _dst;
    // protocol << 32 | info0 << 16 | info1: one compare covers protocol and both words.
    private readonly ulong _tail;

    public InnerFlowId(IpProtocol protocol, IpAddr src, IpAddr dst, ushort srcInfo, ushort dstInfo)
    {
        _src = src;
        _dst = dst;
        _tail = Tail(protocol, srcInfo, dstInfo);
    }

    /// <summary>A TCP or UDP flow.</summary>
    public static InnerFlowId ForPorts(IpProtocol protocol, IpAddr src, IpAddr dst, ushort srcPort, ushort dstPort) =>
        new(protocol, src, dst, srcPort, dstPort);

    /// <summary>An ICMP or ICMPv6 flow: the first word is type&lt;&lt;8 | code, the second the echo identifier.</summary>
    public static InnerFlowId ForIcmp(IpProtocol protocol, IpAddr src, IpAddr dst, byte type, byte code, ushort echoId) =>
        new(protocol, src, dst, (ushort)((type << 8) | code), echoId);

    /// <summary>IP protocol (after walking IPv6 extension headers).</summary>
    public IpProtocol Protocol => (IpProtocol)(byte)(_tail >> 32);

    public IpAddr Src => _src;

    public IpAddr Dst => _dst;

    /// <summary>Source port, or ICMP type&lt;&lt;8 | code.</summary>
    public ushort SrcPort => (ushort)(_tail >> 16);

    /// <summary>Destination port, or ICMP echo identifier.</summary>
    public ushort DstPort => (ushort)_tail;

    /// <summary>
    /// Protocol and the two 16-bit words in one number (protocol &lt;&lt; 32 | first &lt;&lt; 16 | second): with the two
    /// addresses, the whole key; a table may store it as is.
    /// </summary>
    public ulong ProtocolAndPorts
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _tail;
    }

    /// <summary>True when the addresses are IPv4.</summary>
    public bool IsIpv4 => _src.IsIpv4;

    /// <summary>True for ICMP or ICMPv6 flows, whose words are type/code and echo id rather than ports.</summary>
    public bool IsIcmp => Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6;

    /// <summary>
    /// The same flow seen from the other end: addresses swapped; ports swapped for TCP/UDP (and any protocol other than
    /// ICMP); for ICMP/ICMPv6 echo request ↔ echo reply (8↔0, 128↔129) with the identifier kept.
    /// </summary>
    public InnerFlowId Mirror()
    {
        IpProtocol protocol = Protocol;
        if (protocol is IpProtocol.Icmp or IpProtocol.Icmpv6)
        {
            int type = SrcPort >> 8;
            int code = SrcPort & 0xFF;
            type = (protocol, type) switch
            {
                (IpProtocol.Icmp, 8) => 0,
                (IpProtocol.Icmp, 0) => 8,
                (IpProtocol.Icmpv6, 128) => 129,
                (IpProtocol.Icmpv6, 129) => 128,
                _ => type,
            };
            return new InnerFlowId(protocol, _dst, _src, (ushort)((type << 8) | code), DstPort);
        }

        return new InnerFlowId(protocol, _dst, _src, DstPort, SrcPort);
    }

    /// <summary>
    /// A 32-bit hash of the whole key: CRC32C (hardware on x64 and Arm64), stable across runs (no random seed), so tests
    /// and entropy are reproducible. Two independent chains — source address + protocol words, destination address —
    /// run side by side on the CPU's CRC unit and are combined at the end, so the dependent latency is three CRC steps
    /// rather than five (the UFT lookup waits on this value for every packet).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Hash() => Hash(_src.High, _src.Low, _dst.High, _dst.Low, _tail);

    /// <summary>
    /// <see cref="Hash()"/> of the key with these words, for a parser that has them in registers and should not wait
    /// for a key written to memory and read back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ulong srcHigh, ulong srcLow, ulong dstHigh, ulong dstLow, ulong tail)
    {
        uint a = BitOperations.Crc32C(0xFFFF_FFFFu, srcHigh);
        uint b = BitOperations.Crc32C(0x9E37_79B9u, dstHigh);
        a = BitOperations.Crc32C(a, srcLow);
        b = BitOperations.Crc32C(b, dstLow);
        a = BitOperations.Crc32C(a, tail);
        return a ^ BitOperations.RotateLeft(b, 16);
    }

    /// <summary>The protocol word of a key: protocol, then the two 16-bit words (see the field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Tail(IpProtocol protocol, ushort srcInfo, ushort dstInfo) =>
        ((ulong)(byte)protocol << 32) | ((ulong)srcInfo << 16) | dstInfo;

    /// <summary>Equality through a reference, so a table probe compares in place instead of copying the key first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(in InnerFlowId other) =>
        _tail == other._tail && _src.Low == other._src.Low && _dst.Low == other._dst.Low &&
        _src.High == other._src.High && _dst.High == other._dst.High;

    /// <summary>
    /// The 16-bit Geneve outer UDP source port for this flow (RFC 8926 §3.3: entropy from the inner flow), folded from
    /// <see cref="Hash"/>.
    /// </summary>
    public ushort Entropy() => EntropyFromHash(Hash());

    /// <summary>Folds a 32-bit flow hash into a 16-bit UDP source port; never 0 (port 0 is reserved).</summary>
    public static ushort EntropyFromHash(uint hash)
    {
        ushort folded = (ushort)(hash ^ (hash >> 16));
        return folded == 0 ? (ushort)1 : folded;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(InnerFlowId other) => Matches(in other);

    public override bool Equals(object? obj) => obj is InnerFlowId other && Equals(other);

    public override int GetHashCode() => (int)Hash();

    /// <summary>"TCP 10.0.0.1:1234 → 10.0.0.2:80" style text for dumps (allocates; control path only).</summary>
    public override string ToString() =>
        IsIcmp
            ? $"{Protocol} {_src} → {_dst} type {SrcPort >> 8} code {SrcPort & 0xFF} id {DstPort}"
            : $"{Protocol} {_src}:{SrcPort} → {_dst}:{DstPort}";

    public static bool operator ==(InnerFlowId left, InnerFlowId right) => left.Equals(right);

    public static bool operator !=(InnerFlowId left, InnerFlowId right) => !left.Equals(right);
}

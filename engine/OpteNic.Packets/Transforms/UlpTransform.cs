using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The action on the inner upper-layer header: Ignore, or Modify {src port, dst port, TCP flags, ICMP echo id} per
/// <see cref="Set"/>. Fields the packet's protocol lacks are skipped (ports on ICMP, echo id on TCP).
/// </summary>
public readonly struct UlpTransform : IEquatable<UlpTransform>
{
    public HeaderAction Action { get; init; }

    public UlpFields Set { get; init; }

    public ushort SrcPort { get; init; }

    public ushort DstPort { get; init; }

    public TcpFlags TcpFlags { get; init; }

    public ushort IcmpEchoId { get; init; }

    public static UlpTransform Ignore => default;

    /// <summary>Modify the given fields; null leaves a field unchanged.</summary>
    public static UlpTransform Modify(ushort? srcPort = null, ushort? dstPort = null, TcpFlags? tcpFlags = null, ushort? icmpEchoId = null) => new()
    {
        Action = HeaderAction.Modify,
        Set = (srcPort.HasValue ? UlpFields.SrcPort : 0) | (dstPort.HasValue ? UlpFields.DstPort : 0) |
              (tcpFlags.HasValue ? UlpFields.TcpFlags : 0) | (icmpEchoId.HasValue ? UlpFields.IcmpEchoId : 0),
        SrcPort = srcPort.GetValueOrDefault(),
        DstPort = dstPort.GetValueOrDefault(),
        TcpFlags = tcpFlags.GetValueOrDefault(),
        IcmpEchoId = icmpEchoId.GetValueOrDefault(),
    };

    public bool Equals(UlpTransform other) =>
        Action == other.Action && Set == other.Set && SrcPort == other.SrcPort && DstPort == other.DstPort &&
        TcpFlags == other.TcpFlags && IcmpEchoId == other.IcmpEchoId;

    public override bool Equals(object? obj) => obj is UlpTransform other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Action, Set, SrcPort, DstPort, TcpFlags, IcmpEchoId);

    public override string ToString() => Action == HeaderAction.Modify
        ? $"modify ulp{((Set & UlpFields.SrcPort) != 0 ? $" sport={SrcPort}" : "")}{((Set & UlpFields.DstPort) != 0 ? $" dport={DstPort}" : "")}{((Set & UlpFields.TcpFlags) != 0 ? $" flags={TcpFlags}" : "")}{((Set & UlpFields.IcmpEchoId) != 0 ? $" id={IcmpEchoId}" : "")}"
        : "ignore";

    public static bool operator ==(UlpTransform left, UlpTransform right) => left.Equals(right);

    public static bool operator !=(UlpTransform left, UlpTransform right) => !left.Equals(right);
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using OpteNic.Engine;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;

namespace OpteNic.Vpc.State;

/// <summary>
/// The port state export format (beyond OPTE): a versioned, self-describing binary layout, all integers big-endian.
/// <code>
/// header (22 bytes)
///   0  4  magic "OPST"
///   4  2  version (1)
///   6  2  record size (84 for version 1)
///   8  6  guest MAC            — the import refuses a blob from another guest
///  14  4  VNI
///  18  4  flow count N
/// N records (84 bytes each)
///   0  1  origin direction (0 outbound, 1 inbound)
///   1  1  flags: bit 0 origin known, bit 1 TCP state present, bit 2 remote is external (boundary services)
///   2  1  IP protocol (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6)
///   3  1  reserved (0)
///   4 16  guest flow source (IPv4 as IPv4-mapped IPv6)
///  20 16  guest flow destination
///  36  2  source port, or ICMP type &lt;&lt; 8 | code
///  38  2  destination port, or ICMP echo id
///  40  1  NAT kind (0 none, 1 SNAT, 2 one-to-one)
///  41  1  reserved (0)
///  42  2  external port (SNAT port or echo id)
///  44 16  external IP
///  60  1  TCP state (TcpState; never Closed)
///  61  1  guest FIN sent (0/1)
///  62  2  reserved (0)
///  64  4  guest seq     68 4 guest ack     72 4 remote seq     76 4 remote ack     80 4 guest FIN ack
/// trailer
///   0  4  CRC-32 (IEEE) of every byte before it
/// </code>
/// Reading validates everything (length, magic, version, record size, checksum, every field's range) before returning
/// anything, so a damaged blob is refused whole with a precise error.
/// </summary>
public static class PortStateBlob
{
    /// <summary>The format's magic: "OPST".</summary>
    public const uint Magic = 0x4F50_5354;

    /// <summary>The version this build writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Header bytes.</summary>
    public const int HeaderLength = 22;

    /// <summary>Bytes per flow record in version 1.</summary>
    public const int RecordLength = 84;

    /// <summary>Trailer bytes (the CRC-32).</summary>
    public const int TrailerLength = 4;

    private const byte FlagOriginKnown = 1;
    private const byte FlagTcp = 2;
    private const byte FlagExternal = 4;

    /// <summary>Encodes <paramref name="flows"/> of the guest (<paramref name="guestMac"/>, <paramref name="vni"/>).</summary>
    public static byte[] Write(MacAddress guestMac, uint vni, IReadOnlyList<FlowState> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        byte[] blob = new byte[HeaderLength + (flows.Count * RecordLength) + TrailerLength];
        Span<byte> span = blob;
        BinaryPrimitives.WriteUInt32BigEndian(span, Magic);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], RecordLength);
        WriteMac(span[8..], guestMac);
        BinaryPrimitives.WriteUInt32BigEndian(span[14..], vni);
        BinaryPrimitives.WriteUInt32BigEndian(span[18..], (uint)flows.Count);
        for (int i = 0; i < flows.Count; i++)
        {
            WriteRecord(span.Slice(HeaderLength + (i * RecordLength), RecordLength), flows[i]);
        }

        int body = blob.Length - TrailerLength;
        BinaryPrimitives.WriteUInt32BigEndian(span[body..], Crc32.Compute(span[..body]));
        return blob;
    }

    /// <summary>Decodes a blob, or returns why it is refused (and nothing else).</summary>
    public static bool TryRead(ReadOnlySpan<byte> blob, out MacAddress guestMac, out uint vni, [NotNullWhen(true)] out List<FlowState>? flows,
        [NotNullWhen(false)] out PortStateError? error)
    {
        guestMac = default;
        vni = 0;
        flows = null;
        if (blob.Length < HeaderLength + TrailerLength)
        {
            error = new(PortStateErrorKind.Truncated, $"{blob.Length} bytes is shorter than the {HeaderLength}-byte header and {TrailerLength}-byte checksum");
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(blob) != Magic)
        {
            error = new(PortStateErrorKind.BadMagic, $"starts with 0x{BinaryPrimitives.ReadUInt32BigEndian(blob):X8}, not \"OPST\"");
            return false;
        }

        ushort version = BinaryPrimitives.ReadUInt16BigEndian(blob[4..]);
        if (version != Version)
        {
            error = new(PortStateErrorKind.UnsupportedVersion, $"version {version}; this build reads version {Version}");
            return false;
        }

        ushort recordLength = BinaryPrimitives.ReadUInt16BigEndian(blob[6..]);
        if (recordLength != RecordLength)
        {
            error = new(PortStateErrorKind.BadRecordSize, $"record size {recordLength}; version {Version} records are {RecordLength} bytes");
            return false;
        }

        uint count = BinaryPrimitives.ReadUInt32BigEndian(blob[18..]);
        long expected = HeaderLength + ((long)count * RecordLength) + TrailerLength;
        if (blob.Length < expected)
        {
            error = new(PortStateErrorKind.Truncated, $"{count} flows need {expected} bytes; the blob has {blob.Length}");
            return false;
        }

        if (blob.Length > expected)
        {
            error = new(PortStateErrorKind.TrailingBytes, $"{count} flows need {expected} bytes; the blob has {blob.Length - expected} more");
            return false;
        }

        int body = blob.Length - TrailerLength;
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(blob[body..]);
        uint computed = Crc32.Compute(blob[..body]);
        if (stored != computed)
        {
            error = new(PortStateErrorKind.ChecksumMismatch, $"CRC-32 is 0x{computed:X8}; the blob says 0x{stored:X8}");
            return false;
        }

        guestMac = ReadMac(blob[8..]);
        vni = BinaryPrimitives.ReadUInt32BigEndian(blob[14..]);
        var read = new List<FlowState>((int)count);
        for (int i = 0; i < count; i++)
        {
            if (!TryReadRecord(blob.Slice(HeaderLength + (i * RecordLength), RecordLength), out FlowState flow, out string? problem))
            {
                error = new(PortStateErrorKind.BadRecord, $"record {i} (offset {HeaderLength + (i * RecordLength)}): {problem}");
                return false;
            }

            read.Add(flow);
        }

        flows = read;
        error = null;
        return true;
    }

    private static void WriteRecord(Span<byte> record, in FlowState flow)
    {
        record.Clear();
        InnerFlowId id = flow.GuestFlow;
        record[0] = (byte)flow.Origin;
        record[1] = (byte)((flow.OriginKnown ? FlagOriginKnown : 0) | (flow.Tcp is not null ? FlagTcp : 0) | (flow.RemoteIsExternal ? FlagExternal : 0));
        record[2] = (byte)id.Protocol;
        id.Src.WriteIpv6To(record[4..]);
        id.Dst.WriteIpv6To(record[20..]);
        BinaryPrimitives.WriteUInt16BigEndian(record[36..], id.SrcPort);
        BinaryPrimitives.WriteUInt16BigEndian(record[38..], id.DstPort);
        record[40] = (byte)flow.Nat;
        BinaryPrimitives.WriteUInt16BigEndian(record[42..], flow.ExternalPort);
        flow.ExternalIp.WriteIpv6To(record[44..]);
        if (flow.Tcp is { } tcp)
        {
            record[60] = (byte)tcp.State;
            record[61] = tcp.GuestFinSent ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(record[64..], tcp.GuestSeq);
            BinaryPrimitives.WriteUInt32BigEndian(record[68..], tcp.GuestAck);
            BinaryPrimitives.WriteUInt32BigEndian(record[72..], tcp.RemoteSeq);
            BinaryPrimitives.WriteUInt32BigEndian(record[76..], tcp.RemoteAck);
            BinaryPrimitives.WriteUInt32BigEndian(record[80..], tcp.GuestFinAck);
        }
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> record, out FlowState flow, [NotNullWhen(false)] out string? problem)
    {
        flow = default;
        byte origin = record[0];
        byte flags = record[1];
        var protocol = (IpProtocol)record[2];
        var nat = (FlowNatKind)record[40];
        IpAddr src = IpAddr.ReadIpv6(record[4..]);
        IpAddr dst = IpAddr.ReadIpv6(record[20..]);
        IpAddr external = IpAddr.ReadIpv6(record[44..]);
        bool hasTcp = (flags & FlagTcp) != 0;
        problem = origin > 1 ? $"origin {origin} is neither 0 (outbound) nor 1 (inbound)"
            : (flags & ~(FlagOriginKnown | FlagTcp | FlagExternal)) != 0 ? $"unknown flags 0x{flags:X2}"
            : protocol is not (IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.Icmp or IpProtocol.Icmpv6) ? $"protocol {(byte)protocol} is not TCP, UDP, ICMP or ICMPv6"
            : record[3] != 0 || record[41] != 0 || record[62] != 0 || record[63] != 0 ? "a reserved byte is not zero"
            : src.IsIpv4 != dst.IsIpv4 ? "source and destination are of different address families"
            : (protocol == IpProtocol.Icmp && !src.IsIpv4) || (protocol == IpProtocol.Icmpv6 && src.IsIpv4) ? $"{protocol} with the wrong address family"
            : nat > FlowNatKind.OneToOne ? $"NAT kind {(byte)nat} is not 0, 1 or 2"
            : nat != FlowNatKind.None && external.IsIpv4 != src.IsIpv4 ? "the external IP is of another address family than the flow"
            : nat == FlowNatKind.None && (external != default || BinaryPrimitives.ReadUInt16BigEndian(record[42..]) != 0) ? "an external address without NAT"
            : hasTcp != (protocol == IpProtocol.Tcp) ? "TCP state present for a non-TCP flow, or missing for a TCP flow"
            : hasTcp && (record[60] is 0 || record[60] > (byte)TcpState.TimeWait || record[61] > 1) ? $"TCP state {record[60]} / FIN flag {record[61]} out of range"
            : !hasTcp && record[60..].IndexOfAnyExcept((byte)0) >= 0 ? "TCP fields set for a flow without TCP state"
            : null;
        if (problem is not null)
        {
            return false;
        }

        TcpConnectionState? tcp = hasTcp
            ? new TcpConnectionState((TcpState)record[60], BinaryPrimitives.ReadUInt32BigEndian(record[64..]), BinaryPrimitives.ReadUInt32BigEndian(record[68..]),
                BinaryPrimitives.ReadUInt32BigEndian(record[72..]), BinaryPrimitives.ReadUInt32BigEndian(record[76..]),
                BinaryPrimitives.ReadUInt32BigEndian(record[80..]), record[61] == 1)
            : null;
        flow = new FlowState(new InnerFlowId(protocol, src, dst, BinaryPrimitives.ReadUInt16BigEndian(record[36..]), BinaryPrimitives.ReadUInt16BigEndian(record[38..])),
            (Direction)origin, (flags & FlagOriginKnown) != 0, (flags & FlagExternal) != 0, nat, external, BinaryPrimitives.ReadUInt16BigEndian(record[42..]), tcp);
        return true;
    }

    private static void WriteMac(Span<byte> destination, MacAddress mac)
    {
        ulong value = mac.Value;
        for (int i = 0; i < 6; i++)
        {
            destination[i] = (byte)(value >> (40 - (8 * i)));
        }
    }

    private static MacAddress ReadMac(ReadOnlySpan<byte> source)
    {
        ulong value = 0;
        for (int i = 0; i < 6; i++)
        {
            value = (value << 8) | source[i];
        }

        return new MacAddress(value);
    }
}

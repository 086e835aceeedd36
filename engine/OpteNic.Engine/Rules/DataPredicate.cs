using System.Buffers.Binary;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Rules;

/// <summary>
/// A predicate on the packet body (behaviour §1 "Data predicates"): DHCP message type, DHCPv6 message type, Not.
/// Evaluated only when a rule's header predicates already hold; parses just enough of the body, never throws.
/// </summary>
public sealed class DataPredicate
{
    private readonly byte[] _types;
    private readonly DataPredicate? _inner;

    private DataPredicate(DataPredicateKind kind, byte[] types, DataPredicate? inner)
    {
        Kind = kind;
        _types = types;
        _inner = inner;
    }

    /// <summary>What this predicate tests.</summary>
    public DataPredicateKind Kind { get; }

    /// <summary>Accepted message types.</summary>
    public ReadOnlySpan<byte> MessageTypes => _types;

    /// <summary>A DHCPv4 message (UDP) whose option 53 is one of <paramref name="messageTypes"/> (1 Discover … 8 Inform).</summary>
    public static DataPredicate DhcpMessageType(params byte[] messageTypes) =>
        new(DataPredicateKind.DhcpMessageType, (byte[])messageTypes.Clone(), null);

    /// <summary>A DHCPv6 message (UDP) whose msg-type is one of <paramref name="messageTypes"/> (1 Solicit, 3 Request …).</summary>
    public static DataPredicate Dhcpv6MessageType(params byte[] messageTypes) =>
        new(DataPredicateKind.Dhcpv6MessageType, (byte[])messageTypes.Clone(), null);

    /// <summary><paramref name="inner"/> does not hold.</summary>
    public static DataPredicate Not(DataPredicate inner) =>
        new(DataPredicateKind.Not, [], inner ?? throw new ArgumentNullException(nameof(inner)));

    /// <summary>Evaluates against the frame; <paramref name="fields"/> locates the body.</summary>
    public bool Matches(in ParsedPacket fields, ReadOnlySpan<byte> frame)
    {
        switch (Kind)
        {
            case DataPredicateKind.Not:
                return !_inner!.Matches(in fields, frame);
            case DataPredicateKind.DhcpMessageType:
                return TryReadDhcpMessageType(in fields, frame, out byte dhcp) && _types.AsSpan().Contains(dhcp);
            case DataPredicateKind.Dhcpv6MessageType:
                return TryGetBody(in fields, frame, out ReadOnlySpan<byte> body) && body.Length >= 4 && _types.AsSpan().Contains(body[0]);
            default:
                return false;
        }
    }

    private static bool TryGetBody(in ParsedPacket fields, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (!fields.IsUdp)
        {
            return false;
        }

        if ((uint)fields.BodyOffset > (uint)frame.Length || (uint)fields.BodyLength > (uint)(frame.Length - fields.BodyOffset))
        {
            return false;
        }

        body = frame.Slice(fields.BodyOffset, fields.BodyLength);
        return true;
    }

    /// <summary>BOOTP fixed part (236 bytes) + magic cookie, then TLV options until option 53 (RFC 2131/2132).</summary>
    private static bool TryReadDhcpMessageType(in ParsedPacket fields, ReadOnlySpan<byte> frame, out byte messageType)
    {
        messageType = 0;
        if (!TryGetBody(in fields, frame, out ReadOnlySpan<byte> body) || body.Length < 240 ||
            BinaryPrimitives.ReadUInt32BigEndian(body.Slice(236)) != 0x63825363)
        {
            return false;
        }

        int at = 240;
        while (at < body.Length)
        {
            byte code = body[at];
            if (code == 0)
            {
                at++;
                continue;
            }

            if (code == 255 || at + 1 >= body.Length)
            {
                return false;
            }

            int length = body[at + 1];
            if (at + 2 + length > body.Length)
            {
                return false;
            }

            if (code == 53 && length == 1)
            {
                messageType = body[at + 2];
                return true;
            }

            at += 2 + length;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Kind == DataPredicateKind.Not ? $"Not({_inner})" : $"{Kind}={string.Join('|', _types)}";
}

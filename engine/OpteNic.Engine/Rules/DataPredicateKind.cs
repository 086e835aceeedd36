namespace OpteNic.Engine.Rules;

/// <summary>The kinds of data (body) predicate.</summary>
public enum DataPredicateKind : byte
{
    /// <summary>DHCPv4 message type (option 53).</summary>
    DhcpMessageType,
    /// <summary>DHCPv6 msg-type (first byte of the message).</summary>
    Dhcpv6MessageType,
    /// <summary>Negation of an inner data predicate.</summary>
    Not,
}

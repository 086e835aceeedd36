namespace OpteNic.Vpc.State;

/// <summary>Which external address a moved flow used (port state export, on the wire as one byte).</summary>
public enum FlowNatKind : byte
{
    /// <summary>No translation (guest ↔ guest, attached external subnet).</summary>
    None = 0,
    /// <summary>SNAT: the external IP and port (or ICMP echo id) taken from the pool.</summary>
    Snat = 1,
    /// <summary>1:1 NAT to a floating or ephemeral IP.</summary>
    OneToOne = 2,
}

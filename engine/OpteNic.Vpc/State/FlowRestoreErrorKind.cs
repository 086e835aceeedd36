namespace OpteNic.Vpc.State;

/// <summary>Why one flow of an imported port state could not be rebuilt (the other flows are unaffected).</summary>
public enum FlowRestoreErrorKind : byte
{
    /// <summary>The SNAT IP differs here, or the port is already taken on this card.</summary>
    NatPortUnavailable,
    /// <summary>A layer's current rules refuse the flow (e.g. the firewall no longer allows it, no route).</summary>
    Denied,
    /// <summary>A flow table (a layer's LFT, the UFT or the TCP table) is full.</summary>
    TableFull,
    /// <summary>The flow was rebuilt with another external address than it had (e.g. the floating IP is gone).</summary>
    ExternalAddressChanged,
    /// <summary>The TCP connection could not be given its exported state.</summary>
    TcpStateRefused,
    /// <summary>The synthetic packet could not be processed (transformation or internal error).</summary>
    ProcessError,
}

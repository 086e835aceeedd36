namespace OpteNic.Api.Commands;

/// <summary>
/// Why one flow of an imported port state was not rebuilt (<see cref="FlowRestoreFailure"/>). Wire form: enum in this
/// order (varint discriminant); never reordered, new reasons go at the end.
/// </summary>
public enum FlowRestoreReason : byte
{
    /// <summary>The SNAT IP differs on this card, or the exported port is already taken here.</summary>
    NatPortUnavailable = 0,
    /// <summary>A layer's current rules refuse the flow (firewall, route).</summary>
    Denied = 1,
    /// <summary>A flow table (a layer's LFT, the UFT or the TCP table) is full.</summary>
    TableFull = 2,
    /// <summary>The flow would leave with another external address than it had (e.g. the floating IP is gone).</summary>
    ExternalAddressChanged = 3,
    /// <summary>The TCP connection could not be given its exported state.</summary>
    TcpStateRefused = 4,
    /// <summary>The rebuild could not be processed (transformation or internal error).</summary>
    ProcessError = 5,
}

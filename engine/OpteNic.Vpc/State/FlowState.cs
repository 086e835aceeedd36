using OpteNic.Engine;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;

namespace OpteNic.Vpc.State;

/// <summary>
/// One flow of a port as the state export carries it: the guest's flow id (as the guest sends it), the direction its
/// first packet came from, its external address, and for TCP the connection's state. Enough for another card to rebuild
/// the flow through its own layers and continue it.
/// </summary>
/// <param name="GuestFlow">The flow as the guest sends it (outbound key of the firewall's LFT pair).</param>
/// <param name="Origin">The direction of the flow's first packet.</param>
/// <param name="OriginKnown">
/// True when <paramref name="Origin"/> is recorded (NAT flows: SNAT is always outbound, a 1:1 descriptor remembers it);
/// false when it was inferred from which UFT entry is older, so the importer may try the other direction.
/// </param>
/// <param name="RemoteIsExternal">True when the remote end is reached through boundary services (NAT flows).</param>
/// <param name="Nat">Translation kind.</param>
/// <param name="ExternalIp">The external address (SNAT or 1:1), else unspecified.</param>
/// <param name="ExternalPort">The SNAT port or echo id, else 0.</param>
/// <param name="Tcp">The TCP connection's state, for TCP flows that are tracked.</param>
public readonly record struct FlowState(
    InnerFlowId GuestFlow,
    Direction Origin,
    bool OriginKnown,
    bool RemoteIsExternal,
    FlowNatKind Nat,
    IpAddr ExternalIp,
    ushort ExternalPort,
    TcpConnectionState? Tcp);

using OpteNic.Packets;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// One SNAT flow's translation, as exported from a port and imported on another card so the flow keeps its external
/// address and port across a move (port state export/import, beyond OPTE). <see cref="GuestFlow"/> is the flow as the
/// guest sends it (ports, or ICMP type/code and echo id).
/// </summary>
public readonly record struct NatAssignment(InnerFlowId GuestFlow, IpAddr ExternalIp, ushort ExternalPort);

using OpteNic.Engine.Layers;
using OpteNic.Packets;
using OpteNic.Vpc.Layers;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// A port's NAT state: the current <see cref="ExternalIps"/> generation (replaced by set-external-ips) and the
/// preallocated descriptor pools. Shared by the nat layer's actions and the overlay.
/// </summary>
public sealed class NatState
{
    private ExternalIps _current;

    public NatState(ExternalIps initial, int flowCapacity, RouteTargets targets)
    {
        _current = initial ?? throw new ArgumentNullException(nameof(initial));
        Targets = targets ?? throw new ArgumentNullException(nameof(targets));
        OneToOnePool = new NatDescriptorPool<OneToOneNatDescriptor>(flowCapacity, pool => new OneToOneNatDescriptor(pool));
        SnatPool = new NatDescriptorPool<SnatDescriptor>(flowCapacity, pool => new SnatDescriptor(pool));
        OneToOneStillConfigured = external => Current.HasOneToOne(external);
        SnatStillConfigured = allocator => ReferenceEquals(Current.SnatV4?.For(Packets.IpProtocol.Tcp), allocator)
            || ReferenceEquals(Current.SnatV4?.Udp, allocator) || ReferenceEquals(Current.SnatV4?.IcmpEcho, allocator)
            || ReferenceEquals(Current.SnatV6?.Tcp, allocator) || ReferenceEquals(Current.SnatV6?.Udp, allocator)
            || ReferenceEquals(Current.SnatV6?.IcmpEcho, allocator);
    }

    /// <summary>The generation in force.</summary>
    public ExternalIps Current => Volatile.Read(ref _current);

    public RouteTargets Targets { get; }

    /// <summary>New flows refused because a SNAT pool had no free port.</summary>
    public long SnatExhausted;

    /// <summary>
    /// Inbound ICMP errors to a SNAT address dropped because their quoted packet was malformed or matched no SNAT flow
    /// (so there is no guest to deliver them to).
    /// </summary>
    public long IcmpErrorsUntranslated;

    /// <summary>The nat layer's flow table, where SNAT flows are found from the packets quoted in ICMP errors.</summary>
    internal LayerFlowTable? Flows { get; private set; }

    /// <summary>Connects the state to its nat layer (port construction, once).</summary>
    internal void AttachLayer(Layer natLayer) => Flows = (natLayer ?? throw new ArgumentNullException(nameof(natLayer))).Flows;

    internal NatDescriptorPool<OneToOneNatDescriptor> OneToOnePool { get; }

    internal NatDescriptorPool<SnatDescriptor> SnatPool { get; }

    internal Func<PacketIp, bool> OneToOneStillConfigured { get; }

    internal Func<SnatPortAllocator, bool> SnatStillConfigured { get; }

    private Dictionary<InnerFlowId, SnatReservation> _reservations = [];

    /// <summary>Imported SNAT assignments not yet adopted by a packet.</summary>
    public int PendingReservations => Volatile.Read(ref _reservations).Values.Count(r => !r.IsTaken);

    /// <summary>The imported reservation for <paramref name="guestFlow"/>, if any and not yet taken. Lock-free, allocation-free.</summary>
    internal bool TryTakeReservation(in InnerFlowId guestFlow, out SnatReservation? reservation)
    {
        Dictionary<InnerFlowId, SnatReservation> reservations = Volatile.Read(ref _reservations);
        if (reservations.Count == 0)
        {
            // The usual case (nothing imported): skip hashing the flow key.
            reservation = null;
            return false;
        }

        return reservations.TryGetValue(guestFlow, out reservation) && reservation.TryTake();
    }

    /// <summary>
    /// Claims each assignment's port in the current SNAT pool and records it for its flow (state import). Returns how
    /// many were accepted; an assignment is skipped when its external IP is not this port's SNAT IP or its port is taken.
    /// </summary>
    public int ImportAssignments(IEnumerable<NatAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return ImportEach([.. assignments]).Count(accepted => accepted);
    }

    /// <summary>
    /// As <see cref="ImportAssignments"/>, saying for each assignment whether it was accepted. One new reservation map is
    /// published for the whole batch; reservations already adopted by a packet are dropped from it.
    /// </summary>
    internal bool[] ImportEach(IReadOnlyList<NatAssignment> assignments)
    {
        ExternalIps current = Current;
        var next = new Dictionary<InnerFlowId, SnatReservation>();
        foreach ((InnerFlowId flow, SnatReservation pending) in Volatile.Read(ref _reservations))
        {
            if (!pending.IsTaken)
            {
                next[flow] = pending;
            }
        }

        var accepted = new bool[assignments.Count];
        for (int i = 0; i < assignments.Count; i++)
        {
            NatAssignment assignment = assignments[i];
            SnatPool? pool = assignment.ExternalIp.IsIpv4 ? current.SnatV4 : current.SnatV6;
            SnatPortAllocator? allocator = pool is not null && pool.ExternalIp == assignment.ExternalIp ? pool.For(assignment.GuestFlow.Protocol) : null;
            if (allocator is null || next.ContainsKey(assignment.GuestFlow) || !allocator.TryClaim(assignment.ExternalPort))
            {
                continue;
            }

            next[assignment.GuestFlow] = new SnatReservation(assignment, allocator);
            accepted[i] = true;
        }

        Volatile.Write(ref _reservations, next);
        return accepted;
    }

    /// <summary>
    /// Gives back the port of an imported reservation no packet adopted (its flow could not be rebuilt). False when
    /// there is none for <paramref name="guestFlow"/> or a packet already took it.
    /// </summary>
    internal bool CancelReservation(in InnerFlowId guestFlow)
    {
        Dictionary<InnerFlowId, SnatReservation> current = Volatile.Read(ref _reservations);
        if (!current.TryGetValue(guestFlow, out SnatReservation? reservation) || !reservation.TryTake())
        {
            return false;
        }

        reservation.Allocator.Release(reservation.Assignment.ExternalPort);
        var next = new Dictionary<InnerFlowId, SnatReservation>(current);
        next.Remove(guestFlow);
        Volatile.Write(ref _reservations, next);
        return true;
    }

    /// <summary>Publishes a new generation (set-external-ips).</summary>
    public void Replace(ExternalIps next) => Volatile.Write(ref _current, next ?? throw new ArgumentNullException(nameof(next)));
}

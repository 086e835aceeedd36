using OpteNic.Packets;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// An imported SNAT assignment waiting for its flow's first packet on this card: the port is already claimed from
/// the pool; the first matching outbound packet takes it (once) instead of a fresh port.
/// </summary>
internal sealed class SnatReservation(NatAssignment assignment, SnatPortAllocator allocator)
{
    private int _taken;

    public NatAssignment Assignment { get; } = assignment;

    public SnatPortAllocator Allocator { get; } = allocator;

    /// <summary>True exactly once: for the packet that adopts the reservation.</summary>
    public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;

    public bool IsTaken => Volatile.Read(ref _taken) != 0;
}

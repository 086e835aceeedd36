using OpteNic.Vpc.Tables;

namespace OpteNic.Vpc;

/// <summary>
/// The card-wide state of the Oxide VPC network that every port shares: the V2P, V2B and M2P tables. Created once at
/// boot with the V2P capacity the rack needs; ports read the tables on their slow paths while control commands
/// update them.
/// </summary>
public sealed class VpcNetwork
{
    /// <summary>Default V2P capacity: a large rack's worth of guest addresses.</summary>
    public const int DefaultVirt2PhysCapacity = 1 << 20;

    public VpcNetwork(int virt2PhysCapacity = DefaultVirt2PhysCapacity)
    {
        Virt2Phys = new Virt2PhysTable(virt2PhysCapacity);
    }

    /// <summary>(VNI, overlay IP) → (underlay IPv6, guest MAC).</summary>
    public Virt2PhysTable Virt2Phys { get; }

    /// <summary>Destination prefix → boundary-services tunnel endpoints.</summary>
    public Virt2BoundaryTable Virt2Boundary { get; } = new();

    /// <summary>Overlay multicast group → underlay multicast group.</summary>
    public Mcast2PhysTable Mcast2Phys { get; } = new();
}

using OpteNic.Engine.Flows;
using OpteNic.Vpc.Tables;

namespace OpteNic.Vpc;

/// <summary>
/// The card-wide state of the Oxide VPC network that every port shares: the V2P, V2B and M2P tables. Created once at
/// boot with the V2P capacity the rack needs; ports read the tables on their slow paths while control commands
/// update them. Every change bumps the changed key's stripe in <see cref="Dependencies"/> (shared with every port's
/// engine), so the established flows that read it re-resolve on their next packet while all others stay on the fast
/// path.
/// </summary>
public sealed class VpcNetwork
{
    /// <summary>Default V2P capacity: a large rack's worth of guest addresses.</summary>
    public const int DefaultVirt2PhysCapacity = 1 << 20;

    /// <summary>Most dependency stripes: 256 KiB of versions; a V2P change then re-resolves ≈ 1/65536 of the flows.</summary>
    public const int MaxDependencyStripes = 1 << 16;

    /// <summary>Creates the tables; V2P holds up to <paramref name="virt2PhysCapacity"/> mappings.</summary>
    public VpcNetwork(int virt2PhysCapacity = DefaultVirt2PhysCapacity)
    {
        Dependencies = new FlowDependencyVersions(Math.Clamp(virt2PhysCapacity / 16, 1024, MaxDependencyStripes));
        Virt2Phys = new Virt2PhysTable(virt2PhysCapacity, Dependencies);
        Virt2Boundary = new Virt2BoundaryTable(Dependencies);
        Mcast2Phys = new Mcast2PhysTable(Dependencies);
    }

    /// <summary>Version stripes of the V2P/V2B/M2P contents that established flows depend on (pass to every port).</summary>
    public FlowDependencyVersions Dependencies { get; }

    /// <summary>(VNI, overlay IP) → (underlay IPv6, guest MAC).</summary>
    public Virt2PhysTable Virt2Phys { get; }

    /// <summary>Destination prefix → boundary-services tunnel endpoints.</summary>
    public Virt2BoundaryTable Virt2Boundary { get; }

    /// <summary>Overlay multicast group → underlay multicast group.</summary>
    public Mcast2PhysTable Mcast2Phys { get; }
}

using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// One guest port the card serves (an xde link in OPTE's words): its name, its VPC port and the keys the NIC cores
/// demultiplex frames by (guest MAC outbound, VNI + guest MAC inbound). Instances are immutable apart from the
/// <em>lease</em>, which gives one party at a time — a NIC core for a run of frames, or the management loop for one
/// command or one expiry pass — the right to touch the engine port, as the engine's threading model requires (one
/// owner at a time; control between bursts). The lease is never held across bursts, and a deleted port's lease is
/// retired for good so a core still holding an old registry snapshot drops instead of processing.
/// </summary>
public sealed class CardPort
{
    /// <summary>Lease value of the management loop (cores use their index + 1).</summary>
    public const int ControlOwner = int.MaxValue;

    private const int Free = 0;
    private const int Retired = -1;

    private int _lease;

    public CardPort(string name, uint linkId, VpcPort vpc, bool passthrough, int mtu)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(vpc);
        Name = name;
        LinkId = linkId;
        Vpc = vpc;
        Passthrough = passthrough;
        Mtu = mtu;
        GuestMac = vpc.Config.GuestMac;
        Vni = vpc.Config.Vni;
    }

    /// <summary>
    /// The configuration in force, including what set-external-ips, allow/remove-cidr and attach/detach-subnet changed
    /// since create-xde: the VPC port's own (<see cref="VpcPort.TryReconfigure"/> keeps it current).
    /// </summary>
    public VpcCfg Config => Vpc.Config;

    /// <summary>The xde link name (the key of every port-scoped command).</summary>
    public string Name { get; }

    /// <summary>The host's link id, kept for list-ports.</summary>
    public uint LinkId { get; }

    /// <summary>The VPC port (engine port, layers, NAT, router entries).</summary>
    public VpcPort Vpc { get; }

    /// <summary>The engine port.</summary>
    public Port Engine => Vpc.Port;

    /// <summary>OPTE's passthrough mode: frames bypass the engine unchanged (a debugging aid).</summary>
    public bool Passthrough { get; }

    /// <summary>Port MTU.</summary>
    public int Mtu { get; }

    /// <summary>The guest's MAC: the outbound demultiplexing key.</summary>
    public MacAddr GuestMac { get; }

    /// <summary>The VPC's VNI: with the guest MAC, the inbound demultiplexing key.</summary>
    public Vni Vni { get; }

    /// <summary>True once the port was deleted: its lease can no longer be taken.</summary>
    public bool IsRetired => Volatile.Read(ref _lease) == Retired;

    /// <summary>
    /// Takes the lease for <paramref name="owner"/>, waiting while another party holds it (at most the rest of one
    /// burst or one command). False if the port was deleted meanwhile. Allocation-free.
    /// </summary>
    public bool TryEnter(int owner)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var current = Volatile.Read(ref _lease);
            if (current == Retired)
            {
                return false;
            }

            if (current == Free && Interlocked.CompareExchange(ref _lease, owner, Free) == Free)
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Gives the lease back (release semantics: everything done under it is visible to the next holder).</summary>
    /// <remarks>Only the holder calls this, and while the lease is held nobody else writes it (retiring waits for Free).</remarks>
    public void Exit() => Volatile.Write(ref _lease, Free);

    /// <summary>
    /// Deletion (management loop, after the port left the published registry): waits for the current holder and then
    /// retires the lease so no one can take it again.
    /// </summary>
    public void Retire()
    {
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _lease, Retired, Free) != Free)
        {
            if (Volatile.Read(ref _lease) == Retired)
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public override string ToString() => $"{Name} ({GuestMac}, VNI {Vni})";
}

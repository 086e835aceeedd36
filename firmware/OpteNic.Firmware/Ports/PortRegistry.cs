using OpteNic.Vpc;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// The card-wide registry created at boot (datasheet §5.3): the guest ports by name, the VPC network tables every port
/// shares (V2P, V2B, M2P), multicast forwarding and subscriptions, and the underlay link names.
/// <para>
/// Readers (NIC cores) see the ports only through <see cref="Current"/>, an immutable
/// <see cref="PortRegistrySnapshot"/> loaded with one volatile read; writers (command handlers on the management loop)
/// build the next snapshot and publish it with one volatile store, so a command never stops traffic and a core never
/// locks to find a port. A deleted port leaves the snapshot first and is then retired (<see cref="CardPort.Retire"/>),
/// so a core still working from the old snapshot drops its frames instead of touching a dead port.
/// </para>
/// </summary>
public sealed class PortRegistry
{
    private readonly Lock _writer = new();
    private readonly int _virt2PhysCapacity;
    private PortRegistrySnapshot _current = PortRegistrySnapshot.Empty;
    private VpcNetwork? _network;

    public PortRegistry(FirmwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _virt2PhysCapacity = options.Virt2PhysCapacity;
    }

    /// <summary>Sizes and limits.</summary>
    public FirmwareOptions Options { get; }

    /// <summary>The published generation (volatile read: the cores' only access).</summary>
    public PortRegistrySnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// The VPC network's shared tables, created on first use (a million-entry V2P table is large; a card used only in
    /// pass-through never allocates it).
    /// </summary>
    public VpcNetwork Network
    {
        get
        {
            if (Volatile.Read(ref _network) is { } network)
            {
                return network;
            }

            lock (_writer)
            {
                _network ??= new VpcNetwork(_virt2PhysCapacity);
                return _network;
            }
        }
    }

    /// <summary>True once <see cref="Network"/> was created.</summary>
    public bool HasNetwork => Volatile.Read(ref _network) is not null;

    /// <summary>Multicast forwarding (underlay group → next hops).</summary>
    public McastForwardingTable McastForwarding { get; } = new();

    /// <summary>Multicast subscriptions (underlay group → ports).</summary>
    public McastSubscriptions McastSubscriptions { get; } = new();

    /// <summary>The underlay link names set by set-xde-underlay, or null.</summary>
    public (string U1, string U2)? Underlay { get; private set; }

    /// <summary>Serialises writers (command handlers); the cores never take it.</summary>
    public Lock Writer => _writer;

    /// <summary>Publishes a registry with <paramref name="port"/> added. Caller holds <see cref="Writer"/> and checked name and MAC.</summary>
    public void Add(CardPort port) => Volatile.Write(ref _current, _current.With(port));

    /// <summary>
    /// Unpublishes <paramref name="port"/>, then retires its lease (waiting for a core mid-burst on it). After this no
    /// core can process a frame on it. Caller holds <see cref="Writer"/>.
    /// </summary>
    public void Remove(CardPort port)
    {
        Volatile.Write(ref _current, _current.Without(port));
        port.Retire();
        McastSubscriptions.RemovePort(port.Name);
    }

    /// <summary>Records the underlay links.</summary>
    public void SetUnderlay(string u1, string u2) => Underlay = (u1, u2);

    /// <summary>Forgets the underlay links.</summary>
    public void ClearUnderlay() => Underlay = null;
}

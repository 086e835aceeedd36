using System.Diagnostics.CodeAnalysis;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// One immutable generation of the card's port registry: the ports by name and the two demultiplexing indexes the
/// NIC cores use (outbound: guest source MAC; inbound: Geneve VNI + inner destination MAC). A core loads the current
/// snapshot once per iteration with one volatile read and looks ports up without locks or allocation; the management
/// loop builds a new snapshot for every change and publishes it with one volatile store (RCU style). Nothing in a
/// published snapshot is ever modified.
/// </summary>
public sealed class PortRegistrySnapshot
{
    private readonly Dictionary<string, CardPort> _byName;
    private readonly Dictionary<ulong, CardPort> _byGuestMac;
    private readonly Dictionary<(uint Vni, ulong Mac), CardPort> _byVniMac;

    private PortRegistrySnapshot(long generation, CardPort[] ports)
    {
        Generation = generation;
        Ports = ports;
        IsEmpty = ports.Length == 0;
        _byName = new Dictionary<string, CardPort>(ports.Length, StringComparer.Ordinal);
        _byGuestMac = new Dictionary<ulong, CardPort>(ports.Length);
        _byVniMac = new Dictionary<(uint, ulong), CardPort>(ports.Length);
        foreach (var port in ports)
        {
            _byName.Add(port.Name, port);
            _byGuestMac.Add(port.GuestMac.Value, port);
            _byVniMac.Add((port.Vni.Value, port.GuestMac.Value), port);
        }
    }

    /// <summary>The registry before any port exists: the cores keep the card's pass-through behaviour.</summary>
    public static PortRegistrySnapshot Empty { get; } = new(0, []);

    /// <summary>Incremented by every published change (create or delete).</summary>
    public long Generation { get; }

    /// <summary>Every port, ordered by name (list-ports order).</summary>
    public IReadOnlyList<CardPort> Ports { get; }

    /// <summary>True while no port exists.</summary>
    public bool IsEmpty { get; }

    /// <summary>The port named <paramref name="name"/>.</summary>
    public bool TryGetByName(string name, [NotNullWhen(true)] out CardPort? port) => _byName.TryGetValue(name, out port);

    /// <summary>The port whose guest has MAC <paramref name="guestMac"/> (outbound demultiplexing). Allocation-free.</summary>
    public bool TryGetOutbound(ulong guestMac, [NotNullWhen(true)] out CardPort? port) => _byGuestMac.TryGetValue(guestMac, out port);

    /// <summary>The port for a frame arriving with <paramref name="vni"/> and inner destination <paramref name="guestMac"/>.</summary>
    public bool TryGetInbound(uint vni, ulong guestMac, [NotNullWhen(true)] out CardPort? port) =>
        _byVniMac.TryGetValue((vni, guestMac), out port);

    /// <summary>A port already using <paramref name="guestMac"/>, whatever its VNI (outbound demultiplexing needs it unique).</summary>
    public bool TryGetByGuestMac(ulong guestMac, [NotNullWhen(true)] out CardPort? port) => _byGuestMac.TryGetValue(guestMac, out port);

    /// <summary>The next generation with <paramref name="port"/> added (the caller checked name and MAC are free).</summary>
    public PortRegistrySnapshot With(CardPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var ports = new List<CardPort>(Ports) { port };
        ports.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new PortRegistrySnapshot(Generation + 1, [.. ports]);
    }

    /// <summary>The next generation without <paramref name="port"/>.</summary>
    public PortRegistrySnapshot Without(CardPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return new PortRegistrySnapshot(Generation + 1, [.. Ports.Where(p => !ReferenceEquals(p, port))]);
    }
}

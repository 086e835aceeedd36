using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Flows;
using OpteNic.Packets;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tables;

/// <summary>
/// V2B: destination prefix → boundary-services tunnel endpoints, shared by every port of a card. A lookup takes the
/// longest matching prefix and picks one of its endpoints by flow hash, so one flow always uses one switch while
/// flows spread over all of them.
/// <para>
/// Design: RCU-style immutable snapshots. The table is small (a handful of prefixes, rarely changed) and read on every
/// internet-bound slow path, so writers (serialized by a lock) build a new sorted array and publish it with one
/// volatile store; readers take the current array and scan it — no lock, no allocation, never a torn entry. Entries
/// are sorted by prefix length in 128-bit space, longest first, so the first match is the longest.
/// </para>
/// <para>
/// A change to any prefix can change the longest match of many destinations, so the whole table has one dependency
/// stripe (<see cref="DependencyStripe"/>): readers record it, every change bumps it after publishing, and the flows
/// that went to boundary services re-resolve on their next packet (changes are rare; guest-to-guest flows are not
/// affected).
/// </para>
/// </summary>
public sealed class Virt2BoundaryTable
{
    /// <summary>The key whose stripe stands for the whole V2B table ("V2B").</summary>
    private const ulong DependencyKey = 0x0056_3242;

    private readonly Lock _writer = new();
    private Entry[] _entries = [];

    /// <summary>An empty table; changes bump <paramref name="dependencies"/> (when given).</summary>
    public Virt2BoundaryTable(FlowDependencyVersions? dependencies = null)
    {
        Dependencies = dependencies;
        DependencyStripe = dependencies?.StripeOf(DependencyKey) ?? 0;
    }

    /// <summary>The version stripes bumped by changes (null: flows are not told about changes).</summary>
    public FlowDependencyVersions? Dependencies { get; }

    /// <summary>The stripe of <see cref="Dependencies"/> every lookup depends on.</summary>
    public int DependencyStripe { get; }

    /// <summary>Prefixes with at least one endpoint.</summary>
    public int Count => Volatile.Read(ref _entries).Length;

    /// <summary>Adds <paramref name="endpoints"/> to the set of <paramref name="prefix"/> (creating it).</summary>
    public void Set(IpCidr prefix, IEnumerable<TunnelEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        lock (_writer)
        {
            var (network, bits) = prefix.ToPacketPrefix();
            var list = new List<Entry>(_entries);
            int index = list.FindIndex(e => e.Bits == bits && e.Network == network);
            var set = new SortedSet<TunnelEndpoint>(index >= 0 ? list[index].Endpoints : []);
            set.UnionWith(endpoints);
            if (set.Count == 0)
            {
                return;
            }

            var entry = new Entry(prefix, network, bits, [.. set]);
            if (index >= 0)
            {
                list[index] = entry;
            }
            else
            {
                list.Add(entry);
            }

            Publish(list);
        }
    }

    /// <summary>Removes <paramref name="endpoints"/> from <paramref name="prefix"/>; the prefix goes when none remain. False if the prefix is unknown.</summary>
    public bool Clear(IpCidr prefix, IEnumerable<TunnelEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        lock (_writer)
        {
            var (network, bits) = prefix.ToPacketPrefix();
            var list = new List<Entry>(_entries);
            int index = list.FindIndex(e => e.Bits == bits && e.Network == network);
            if (index < 0)
            {
                return false;
            }

            var set = new SortedSet<TunnelEndpoint>(list[index].Endpoints);
            set.ExceptWith(endpoints);
            if (set.Count == 0)
            {
                list.RemoveAt(index);
            }
            else
            {
                list[index] = list[index] with { Endpoints = [.. set] };
            }

            Publish(list);
            return true;
        }
    }

    /// <summary>
    /// Longest-prefix match of <paramref name="destination"/>; the endpoint is chosen by <paramref name="flowHash"/>.
    /// Lock-free and allocation-free.
    /// </summary>
    public bool TryLookup(PacketIp destination, uint flowHash, out TunnelEndpoint endpoint)
    {
        Entry[] entries = Volatile.Read(ref _entries);
        foreach (Entry entry in entries)
        {
            if (destination.MatchesPrefix128(entry.Network, entry.Bits))
            {
                TunnelEndpoint[] endpoints = entry.Endpoints;
                endpoint = endpoints[(int)(flowHash % (uint)endpoints.Length)];
                return true;
            }
        }

        endpoint = default;
        return false;
    }

    /// <summary>
    /// As <see cref="TryLookup(PacketIp, uint, out TunnelEndpoint)"/>, hashing <paramref name="flow"/> only when the
    /// prefix has more than one endpoint to choose from (the common single-switch case skips the hash).
    /// </summary>
    public bool TryLookup(PacketIp destination, in InnerFlowId flow, out TunnelEndpoint endpoint)
    {
        Entry[] entries = Volatile.Read(ref _entries);
        foreach (Entry entry in entries)
        {
            if (destination.MatchesPrefix128(entry.Network, entry.Bits))
            {
                TunnelEndpoint[] endpoints = entry.Endpoints;
                endpoint = endpoints.Length == 1 ? endpoints[0] : endpoints[(int)(flow.Hash() % (uint)endpoints.Length)];
                return true;
            }
        }

        endpoint = default;
        return false;
    }

    /// <summary>Every prefix and its endpoints (control path: dump-v2b), longest prefix first.</summary>
    public List<(IpCidr Prefix, TunnelEndpoint[] Endpoints)> Dump()
    {
        Entry[] entries = Volatile.Read(ref _entries);
        var dump = new List<(IpCidr, TunnelEndpoint[])>(entries.Length);
        foreach (Entry entry in entries)
        {
            dump.Add((entry.Prefix, (TunnelEndpoint[])entry.Endpoints.Clone()));
        }

        return dump;
    }

    private void Publish(List<Entry> list)
    {
        // Longest first; among equal lengths IPv6 and IPv4 never both match, so any stable order will do.
        list.Sort((a, b) => b.Bits.CompareTo(a.Bits));
        Volatile.Write(ref _entries, [.. list]);
        Dependencies?.Bump(DependencyStripe);
    }

    private sealed record Entry(IpCidr Prefix, PacketIp Network, int Bits, TunnelEndpoint[] Endpoints);
}

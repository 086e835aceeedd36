using OpteNic.Api.Commands;
using OpteNic.Api.Net;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Card-wide multicast subscriptions (mcast-subscribe/unsubscribe/unsubscribe-all, dump-mcast-subs): underlay group →
/// the ports subscribed to it. An overlay group is resolved to its underlay group through M2P when subscribing.
/// Immutable sorted maps replaced whole on each change.
/// </summary>
public sealed class McastSubscriptions
{
    private SortedDictionary<Ipv6Addr, SortedSet<string>> _entries = [];

    /// <summary>Underlay groups with at least one subscriber.</summary>
    public int Count => Volatile.Read(ref _entries).Count;

    /// <summary>Subscribes <paramref name="port"/> to <paramref name="underlay"/> (idempotent).</summary>
    public void Subscribe(Ipv6Addr underlay, string port) =>
        Update(next =>
        {
            var ports = next.TryGetValue(underlay, out var existing) ? new SortedSet<string>(existing, StringComparer.Ordinal) : new SortedSet<string>(StringComparer.Ordinal);
            ports.Add(port);
            next[underlay] = ports;
            return true;
        });

    /// <summary>Removes <paramref name="port"/> from <paramref name="underlay"/>; false if it was not subscribed.</summary>
    public bool Unsubscribe(Ipv6Addr underlay, string port) =>
        Update(next =>
        {
            if (!next.TryGetValue(underlay, out var existing) || !existing.Contains(port))
            {
                return false;
            }

            var ports = new SortedSet<string>(existing, StringComparer.Ordinal);
            ports.Remove(port);
            if (ports.Count == 0)
            {
                next.Remove(underlay);
            }
            else
            {
                next[underlay] = ports;
            }

            return true;
        });

    /// <summary>Removes every subscriber of <paramref name="underlay"/>; false if it had none.</summary>
    public bool UnsubscribeAll(Ipv6Addr underlay) => Update(next => next.Remove(underlay));

    /// <summary>Removes <paramref name="port"/> from every group (the port is being deleted).</summary>
    public void RemovePort(string port) =>
        Update(next =>
        {
            var changed = false;
            foreach (var underlay in next.Keys.ToArray())
            {
                var existing = next[underlay];
                if (!existing.Contains(port))
                {
                    continue;
                }

                var ports = new SortedSet<string>(existing, StringComparer.Ordinal);
                ports.Remove(port);
                if (ports.Count == 0)
                {
                    next.Remove(underlay);
                }
                else
                {
                    next[underlay] = ports;
                }

                changed = true;
            }

            return changed;
        });

    /// <summary>Every group and its subscribers, ordered by group then port name.</summary>
    public List<McastSubscriptionEntry> Dump() =>
        [.. Volatile.Read(ref _entries).Select(e => new McastSubscriptionEntry(e.Key, [.. e.Value]))];

    private bool Update(Func<SortedDictionary<Ipv6Addr, SortedSet<string>>, bool> change)
    {
        var next = new SortedDictionary<Ipv6Addr, SortedSet<string>>(_entries);
        if (!change(next))
        {
            return false;
        }

        Volatile.Write(ref _entries, next);
        return true;
    }
}

using System.Numerics;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// Hands out one protocol's SNAT ports (or ICMP echo identifiers) from a fixed range, **highest free port first**, as
/// OPTE does: the top of the range is used first, so a pool's low end stays free for as long as possible.
/// <para>
/// A bitmap (1 = free) with a one-bit-per-word summary finds the highest free port with two leading-zero counts over
/// at most 16 + 1 words, whatever the range; no allocation after construction. Exhaustion is a counted failure, never
/// an exception. Calls are serialized by a lock: only the slow path (first packet of a flow) and flow expiry touch a
/// pool, never the fast path.
/// </para>
/// </summary>
public sealed class SnatPortAllocator
{
    private readonly ulong[] _free;
    private readonly ulong[] _summary;
    private readonly Lock _lock = new();
    private int _inUse;
    private long _allocations;
    private long _exhausted;
    private long _releaseErrors;

    /// <summary>A pool of the ports <paramref name="first"/>..<paramref name="last"/> inclusive, all free.</summary>
    /// <exception cref="ArgumentException">The range is inverted.</exception>
    public SnatPortAllocator(ushort first, ushort last)
    {
        if (first > last)
        {
            throw new ArgumentException($"SNAT port range {first}–{last} is inverted", nameof(first));
        }

        First = first;
        Last = last;
        int size = last - first + 1;
        _free = new ulong[(size + 63) / 64];
        _summary = new ulong[(_free.Length + 63) / 64];
        for (int i = 0; i < size; i++)
        {
            SetFree(i);
        }
    }

    /// <summary>Lowest port of the range.</summary>
    public ushort First { get; }

    /// <summary>Highest port of the range.</summary>
    public ushort Last { get; }

    /// <summary>Ports in the range.</summary>
    public int Size => Last - First + 1;

    /// <summary>Ports currently handed out.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Ports handed out since creation.</summary>
    public long Allocations => Interlocked.Read(ref _allocations);

    /// <summary>Requests refused because every port was in use (each one is a dropped flow).</summary>
    public long Exhausted => Interlocked.Read(ref _exhausted);

    /// <summary>Releases of a port that was not in use or outside the range (a bookkeeping bug elsewhere; counted, ignored).</summary>
    public long ReleaseErrors => Interlocked.Read(ref _releaseErrors);

    /// <summary>Takes the highest free port; false (and <see cref="Exhausted"/> counted) when none is free.</summary>
    public bool TryAllocate(out ushort port)
    {
        lock (_lock)
        {
            for (int s = _summary.Length - 1; s >= 0; s--)
            {
                ulong summary = _summary[s];
                if (summary == 0)
                {
                    continue;
                }

                int word = (s * 64) + 63 - BitOperations.LeadingZeroCount(summary);
                int bit = 63 - BitOperations.LeadingZeroCount(_free[word]);
                int index = (word * 64) + bit;
                ClearFree(index);
                _inUse++;
                _allocations++;
                port = (ushort)(First + index);
                return true;
            }

            _exhausted++;
            port = 0;
            return false;
        }
    }

    /// <summary>Takes a specific port (state import: a migrated flow keeps its port); false if in use or out of range.</summary>
    public bool TryClaim(ushort port)
    {
        lock (_lock)
        {
            int index = port - First;
            if (port < First || port > Last || !IsFree(index))
            {
                return false;
            }

            ClearFree(index);
            _inUse++;
            _allocations++;
            return true;
        }
    }

    /// <summary>Returns <paramref name="port"/> to the pool (flow expiry).</summary>
    public void Release(ushort port)
    {
        lock (_lock)
        {
            int index = port - First;
            if (port < First || port > Last || IsFree(index))
            {
                _releaseErrors++;
                return;
            }

            SetFree(index);
            _inUse--;
        }
    }

    /// <summary>Whether <paramref name="port"/> is currently handed out.</summary>
    public bool IsInUse(ushort port)
    {
        lock (_lock)
        {
            return port >= First && port <= Last && !IsFree(port - First);
        }
    }

    private bool IsFree(int index) => (_free[index >> 6] & (1UL << (index & 63))) != 0;

    private void SetFree(int index)
    {
        int word = index >> 6;
        _free[word] |= 1UL << (index & 63);
        _summary[word >> 6] |= 1UL << (word & 63);
    }

    private void ClearFree(int index)
    {
        int word = index >> 6;
        _free[word] &= ~(1UL << (index & 63));
        if (_free[word] == 0)
        {
            _summary[word >> 6] &= ~(1UL << (word & 63));
        }
    }
}

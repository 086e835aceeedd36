using System.Runtime.CompilerServices;

namespace OpteNic.Engine.Metadata;

/// <summary>
/// Pipeline metadata of one packet: up to <see cref="Capacity"/> key/value pairs of interned ids, rebuilt on every
/// slow-path pass. A value type with inline storage so it lives on the stack and never allocates; a full table is
/// reported by <see cref="TrySet"/> returning false (the caller counts it), never by growing.
/// </summary>
public struct PacketMetadata
{
    /// <summary>Most pairs one packet may carry.</summary>
    public const int Capacity = 16;

    private PairBuffer _pairs;
    private int _count;

    /// <summary>Number of pairs set.</summary>
    public readonly int Count => _count;

    /// <summary>Removes every pair (start of a slow-path pass).</summary>
    public void Clear() => _count = 0;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>; false when the table is full.</summary>
    public bool TrySet(ushort key, ushort value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_pairs[i].Key == key)
            {
                _pairs[i] = new MetadataPair(key, value);
                return true;
            }
        }

        if (_count == Capacity)
        {
            return false;
        }

        _pairs[_count++] = new MetadataPair(key, value);
        return true;
    }

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    public bool Remove(ushort key)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_pairs[i].Key == key)
            {
                _pairs[i] = _pairs[--_count];
                return true;
            }
        }

        return false;
    }

    /// <summary>Looks up the value id of <paramref name="key"/>.</summary>
    public readonly bool TryGet(ushort key, out ushort value)
    {
        for (int i = 0; i < _count; i++)
        {
            MetadataPair pair = _pairs[i];
            if (pair.Key == key)
            {
                value = pair.Value;
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>True when <paramref name="key"/> is set to exactly <paramref name="value"/>.</summary>
    public readonly bool Has(ushort key, ushort value) => TryGet(key, out ushort actual) && actual == value;

    /// <summary>The pair at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>), for dumps.</summary>
    public readonly MetadataPair this[int index] => (uint)index < (uint)_count ? _pairs[index] : default;

    [InlineArray(Capacity)]
    private struct PairBuffer
    {
        private MetadataPair _first;
    }
}

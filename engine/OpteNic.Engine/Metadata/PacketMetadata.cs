using System.Runtime.CompilerServices;
using OpteNic.Engine.Flows;

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

    /// <summary>Most dependency stamps a flow may carry into its UFT entry (see <see cref="RecordDependency"/>).</summary>
    public const int MaxDependencies = 2;

    private PairBuffer _pairs;
    private int _count;
    private FlowDependencyVersions? _dependencyVersions;
    private FlowDependencyStamps _dependencies;

    /// <summary>Number of pairs set.</summary>
    public readonly int Count => _count;

    /// <summary>Removes every pair (start of a slow-path pass). Recorded dependencies are kept.</summary>
    public void Clear() => _count = 0;

    /// <summary>Dependency stamps recorded so far in this slow-path pass (at most <see cref="MaxDependencies"/>).</summary>
    public readonly int DependencyCount => _dependencies.Count;

    /// <summary>
    /// True when the actions recorded more distinct dependencies than <see cref="MaxDependencies"/>, or dependencies on
    /// two different version tables: the flow then gets no UFT entry (every packet takes the slow path, counted as
    /// <c>uft_dependency_uncached</c>), which stays correct whatever changes.
    /// </summary>
    public readonly bool DependencyOverflow => _dependencies.Overflow;

    /// <summary>The version table the recorded stamps refer to (null when none was recorded).</summary>
    public readonly FlowDependencyVersions? DependencyVersions => _dependencyVersions;

    /// <summary>The stamps recorded so far.</summary>
    public readonly FlowDependencyStamps Dependencies => _dependencies;

    /// <summary>The stamp at <paramref name="index"/> (0 ≤ index &lt; <see cref="DependencyCount"/>).</summary>
    public readonly FlowDependency DependencyAt(int index) =>
        index == 0 && _dependencies.Count > 0 ? _dependencies.First : index == 1 && _dependencies.Count > 1 ? _dependencies.Second : default;

    /// <summary>
    /// Records that this packet's outcome depends on the shared state behind <paramref name="stripe"/> of
    /// <paramref name="versions"/>, at the stripe's current version. Call from an action on the slow path
    /// <b>before</b> reading the shared state. When that stripe is bumped later, the flow's UFT entry (and the LFT pair
    /// a stateful action made) is dropped on its next packet, which then walks the layers again. Allocation-free.
    /// </summary>
    public void RecordDependency(FlowDependencyVersions versions, int stripe)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Record(versions, versions.Observe(stripe));
    }

    /// <summary>Records an already observed stamp (the port uses it to carry an LFT pair's stamps into the UFT entry).</summary>
    internal void Record(FlowDependencyVersions versions, FlowDependency dependency)
    {
        if (_dependencyVersions is null)
        {
            _dependencyVersions = versions;
        }
        else if (!ReferenceEquals(_dependencyVersions, versions))
        {
            // Stamps against two tables cannot be checked against the port's one table.
            _dependencies.Overflow = true;
            return;
        }

        // The same stripe twice keeps the first (older) stamp: if a bump fell between the two reads, the entry is
        // stale from the start, which is safe.
        _dependencies.Add(dependency);
    }

    /// <summary>
    /// Takes the stamps recorded so far out of the metadata (it then holds none), so the port can see exactly what one
    /// action records; <see cref="RestoreDependencies"/> puts them back merged with the new ones.
    /// </summary>
    internal void TakeDependencies(out FlowDependencyStamps stamps, out FlowDependencyVersions? versions)
    {
        stamps = _dependencies;
        versions = _dependencyVersions;
        _dependencies = default;
        _dependencyVersions = null;
    }

    /// <summary>Merges stamps taken by <see cref="TakeDependencies"/> back in front of those recorded since.</summary>
    internal void RestoreDependencies(in FlowDependencyStamps stamps, FlowDependencyVersions? versions)
    {
        FlowDependencyStamps recorded = _dependencies;
        FlowDependencyVersions? recordedVersions = _dependencyVersions;
        _dependencies = stamps;
        _dependencyVersions = versions;
        if (recordedVersions is null)
        {
            _dependencies.Overflow |= recorded.Overflow;
            return;
        }

        for (int i = 0; i < recorded.Count; i++)
        {
            Record(recordedVersions, i == 0 ? recorded.First : recorded.Second);
        }

        _dependencies.Overflow |= recorded.Overflow;
    }

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

using System.Runtime.CompilerServices;

namespace OpteNic.Engine.Flows;

/// <summary>
/// Version stripes for shared state that actions consult on the slow path (e.g. a card-wide V2P table read by the
/// overlay layer), so that a change to that state sends only the flows that depended on it back to the slow path.
/// <para>
/// The writer changes the state, then calls <see cref="Bump"/> on the stripe of the changed key. The slow path's action
/// reads the version first (<see cref="Engine.Metadata.PacketMetadata.RecordDependency"/>), then the state; the port
/// stores the (stripe, version) stamps in the UFT entry (at most <see cref="Engine.Metadata.PacketMetadata.MaxDependencies"/>)
/// and a hit compares each stamp with one load: a mismatch drops the entry and reprocesses the packet through the
/// layers, as an epoch mismatch does. A bump racing with a slow-path pass can only make the new entry stale early,
/// never keep an entry that read old state (the version is read before the state and written after it).
/// </para>
/// Sized at construction and never grown; one table may be shared by every port of a card (pass it to each port in
/// <see cref="Ports.PortOptions.DependencyVersions"/> and to the actions). Bumping is lock-free and safe from any
/// thread; reading is one load.
/// </summary>
public sealed class FlowDependencyVersions
{
    private readonly uint[] _versions;
    private readonly uint _stripeMask;

    /// <summary>
    /// Creates <paramref name="stripes"/> stripes (rounded up to a power of two). More stripes mean fewer unrelated
    /// flows reprocessed per change; each costs 4 bytes.
    /// </summary>
    public FlowDependencyVersions(int stripes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stripes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stripes, 1 << 24);
        int count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)stripes);
        _versions = new uint[count];
        _stripeMask = (uint)count - 1;
    }

    /// <summary>Number of stripes.</summary>
    public int StripeCount => _versions.Length;

    /// <summary>
    /// The stripe of a key of the shared state (e.g. a V2P key folded to 64 bits). Mixes the bits, so any key layout
    /// spreads over the stripes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StripeOf(ulong key)
    {
        // SplitMix64 finaliser: every input bit affects the low bits the mask keeps.
        key ^= key >> 30;
        key *= 0xBF58_476D_1CE4_E5B9UL;
        key ^= key >> 27;
        key *= 0x94D0_49BB_1331_11EBUL;
        key ^= key >> 31;
        return (int)((uint)key & _stripeMask);
    }

    /// <summary>The stripe of a two-part key (e.g. VNI and one half of an IPv6 address, then the other half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StripeOf(ulong high, ulong low) => StripeOf(high ^ (low * 0x9E37_79B9_7F4A_7C15UL) ^ (low >> 29));

    /// <summary>The current version of <paramref name="stripe"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint VersionOf(int stripe) => Volatile.Read(ref _versions[stripe]);

    /// <summary>A stamp of <paramref name="stripe"/> at its current version (read it before reading the shared state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FlowDependency Observe(int stripe) => new(stripe, VersionOf(stripe));

    /// <summary>True while nothing bumped the stamp's stripe since the stamp was taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsCurrent(FlowDependency dependency) =>
        (uint)dependency.Stripe < (uint)_versions.Length && Volatile.Read(ref _versions[dependency.Stripe]) == dependency.Version;

    /// <summary>
    /// Marks the state behind <paramref name="stripe"/> as changed: every flow stamped with the old version leaves the
    /// fast path on its next packet. Call after the change is visible to readers. Lock-free; any thread.
    /// </summary>
    public void Bump(int stripe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stripe);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stripe, _versions.Length);
        Interlocked.Increment(ref _versions[stripe]);
    }

    /// <summary>Marks every stripe as changed (e.g. the whole shared table was replaced).</summary>
    public void BumpAll()
    {
        for (int stripe = 0; stripe < _versions.Length; stripe++)
        {
            Interlocked.Increment(ref _versions[stripe]);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpteNic.Engine.Flows;

/// <summary>
/// The dependency stamps a UFT entry or LFT pair keeps (at most two, inline): the entry is usable only while every
/// stamp is current in the port's <see cref="FlowDependencyVersions"/>. Default is "depends on nothing". Packed to
/// 18 bytes: in a UFT slot they follow the 40-byte IPv6 key in the second line (64 + 40 + 18 ≤ 128).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public struct FlowDependencyStamps
{
    /// <summary>First stamp (valid when <see cref="Count"/> ≥ 1).</summary>
    public FlowDependency First;
    /// <summary>Second stamp (valid when <see cref="Count"/> = 2).</summary>
    public FlowDependency Second;
    /// <summary>Stamps held.</summary>
    public byte Count;
    /// <summary>
    /// True when the actions recorded more than the entry can hold (or against another version table): the entry is
    /// then never current, so the flow is re-decided on every pass rather than trusted blindly.
    /// </summary>
    public bool Overflow;

    /// <summary>True when the entry has at least one dependency to check (one byte test on the fast path).</summary>
    public readonly bool Any
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Count != 0 || Overflow;
    }

    /// <summary>Adds a stamp; sets <see cref="Overflow"/> when full.</summary>
    public void Add(FlowDependency dependency)
    {
        if ((Count > 0 && First.Stripe == dependency.Stripe) || (Count > 1 && Second.Stripe == dependency.Stripe))
        {
            return;
        }

        switch (Count)
        {
            case 0:
                First = dependency;
                Count = 1;
                break;
            case 1:
                Second = dependency;
                Count = 2;
                break;
            default:
                Overflow = true;
                break;
        }
    }

    /// <summary>True while no stamped stripe was bumped (false on overflow, or when stamps exist but no table does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool AreCurrent(FlowDependencyVersions? versions) =>
        !Overflow && (Count == 0 ||
            (versions is not null && versions.IsCurrent(First) && (Count < 2 || versions.IsCurrent(Second))));
}

using System.Collections;
using System.Runtime.CompilerServices;

namespace OpteNic.Api;

/// <summary>
/// An immutable array with value equality. API records hold their lists in this so that two equal configurations or
/// requests compare equal (an <c>ImmutableArray</c> compares by reference) and round-trip tests can assert equality.
/// The default value is the empty array.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
[CollectionBuilder(typeof(ValueArray), nameof(ValueArray.Create))]
public readonly struct ValueArray<T> : IReadOnlyList<T>, IEquatable<ValueArray<T>>
{
    private readonly T[]? _items;

    /// <summary>Wraps <paramref name="items"/>; the caller gives up the array (it must not change it afterwards).</summary>
    internal ValueArray(T[] items) => _items = items;

    /// <summary>The empty array.</summary>
    public static ValueArray<T> Empty => default;

    /// <summary>Number of elements.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>Element at <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? [])[index];

    /// <summary>The elements as a read-only span (no copy).</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>Copies <paramref name="items"/> into a new value array.</summary>
    public static ValueArray<T> From(IEnumerable<T> items) => new([.. items]);

    /// <inheritdoc/>
    public bool Equals(ValueArray<T> other) =>
        AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        foreach (T item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the elements, for messages and test failures.</summary>
    public override string ToString() => "[" + string.Join(", ", _items ?? []) + "]";
}

/// <summary>Factory for <see cref="ValueArray{T}"/> (also the collection-expression builder).</summary>
public static class ValueArray
{
    /// <summary>Copies <paramref name="items"/> into a new value array.</summary>
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());

    /// <summary>
    /// Wraps <paramref name="items"/> without copying (large blobs, e.g. a port state); the caller gives up the array
    /// and must not change it afterwards.
    /// </summary>
    public static ValueArray<T> Adopt<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(items);
    }
}

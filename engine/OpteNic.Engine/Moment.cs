namespace OpteNic.Engine;

/// <summary>
/// A point on a monotonic clock in nanoseconds. The engine never reads a clock: callers pass the time in, so tests
/// are deterministic and the firmware decides where time comes from (the HAL clock).
/// </summary>
public readonly struct Moment : IEquatable<Moment>, IComparable<Moment>
{
    public Moment(long nanoseconds) => Nanoseconds = nanoseconds;

    public long Nanoseconds { get; }

    public static Moment Zero => default;

    public static Moment FromSeconds(double seconds) => new((long)(seconds * 1_000_000_000));

    public static Moment FromMilliseconds(long milliseconds) => new(milliseconds * 1_000_000);

    public Moment AddNanoseconds(long nanoseconds) => new(Nanoseconds + nanoseconds);

    public Moment AddSeconds(double seconds) => new(Nanoseconds + (long)(seconds * 1_000_000_000));

    /// <summary>Nanoseconds from <paramref name="earlier"/> to this moment.</summary>
    public long NanosecondsSince(Moment earlier) => Nanoseconds - earlier.Nanoseconds;

    public bool Equals(Moment other) => Nanoseconds == other.Nanoseconds;

    public override bool Equals(object? obj) => obj is Moment other && Equals(other);

    public override int GetHashCode() => Nanoseconds.GetHashCode();

    public int CompareTo(Moment other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public override string ToString() => $"{Nanoseconds / 1_000_000_000.0:F9}s";

    public static bool operator ==(Moment left, Moment right) => left.Equals(right);
    public static bool operator !=(Moment left, Moment right) => !left.Equals(right);
    public static bool operator <(Moment left, Moment right) => left.Nanoseconds < right.Nanoseconds;
    public static bool operator >(Moment left, Moment right) => left.Nanoseconds > right.Nanoseconds;
    public static bool operator <=(Moment left, Moment right) => left.Nanoseconds <= right.Nanoseconds;
    public static bool operator >=(Moment left, Moment right) => left.Nanoseconds >= right.Nanoseconds;
}

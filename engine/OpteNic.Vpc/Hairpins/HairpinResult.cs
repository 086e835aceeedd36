namespace OpteNic.Vpc.Hairpins;

/// <summary>Outcome of one responder call: the verdict and, for <see cref="HairpinVerdict.Reply"/>, the reply length.</summary>
public readonly struct HairpinResult : IEquatable<HairpinResult>
{
    private HairpinResult(HairpinVerdict verdict, int length)
    {
        Verdict = verdict;
        Length = length;
    }

    public HairpinVerdict Verdict { get; }

    /// <summary>Bytes written at the start of the destination span (0 unless <see cref="Verdict"/> is Reply).</summary>
    public int Length { get; }

    public bool IsReply => Verdict == HairpinVerdict.Reply;

    public static HairpinResult Replied(int length) => new(HairpinVerdict.Reply, length);

    public static HairpinResult NotApplicable => new(HairpinVerdict.NotApplicable, 0);

    public static HairpinResult Malformed => new(HairpinVerdict.Malformed, 0);

    public static HairpinResult Suppressed => new(HairpinVerdict.Suppressed, 0);

    public static HairpinResult BufferTooSmall => new(HairpinVerdict.BufferTooSmall, 0);

    public static HairpinResult NotConfigured => new(HairpinVerdict.NotConfigured, 0);

    public bool Equals(HairpinResult other) => Verdict == other.Verdict && Length == other.Length;

    public override bool Equals(object? obj) => obj is HairpinResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Verdict, Length);

    public override string ToString() => Verdict == HairpinVerdict.Reply ? $"Reply({Length} bytes)" : Verdict.ToString();

    public static bool operator ==(HairpinResult left, HairpinResult right) => left.Equals(right);

    public static bool operator !=(HairpinResult left, HairpinResult right) => !left.Equals(right);
}

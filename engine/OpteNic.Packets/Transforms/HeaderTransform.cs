namespace OpteNic.Packets.Transforms;

/// <summary>
/// One layer's header transformation (behaviour §1): an action per slot — outer Ethernet, outer IP, outer encap
/// (UDP+Geneve), inner Ethernet, inner IP — and the inner upper-layer header. A plain value (no allocation to hold,
/// compose or apply). Replay one with <see cref="HeaderTransformer.Apply"/>; fold a UFT entry's sequence with
/// <see cref="TryCompose(in HeaderTransform, in HeaderTransform, out HeaderTransform)"/>; precompile it with
/// <see cref="CompiledTransform.TryCompile(ReadOnlySpan{HeaderTransform}, out CompiledTransform)"/>.
/// </summary>
public readonly struct HeaderTransform : IEquatable<HeaderTransform>
{
    public EtherTransform OuterEther { get; init; }

    public IpTransform OuterIp { get; init; }

    public EncapTransform OuterEncap { get; init; }

    public EtherTransform InnerEther { get; init; }

    public IpTransform InnerIp { get; init; }

    public UlpTransform InnerUlp { get; init; }

    /// <summary>Changes nothing.</summary>
    public static HeaderTransform Identity => default;

    /// <summary>True when every slot is Ignore.</summary>
    public bool IsIdentity =>
        OuterEther.Action == HeaderAction.Ignore && OuterIp.Action == HeaderAction.Ignore && OuterEncap.Action == HeaderAction.Ignore &&
        InnerEther.Action == HeaderAction.Ignore && InnerIp.Action == HeaderAction.Ignore && InnerUlp.Action == HeaderAction.Ignore;

    /// <summary>Encapsulate: push outer Ethernet, IP and UDP+Geneve together (the overlay layer's outbound action).</summary>
    public static HeaderTransform Encapsulate(EtherTransform outerEther, IpTransform outerIp, EncapTransform encap) =>
        new() { OuterEther = outerEther, OuterIp = outerIp, OuterEncap = encap };

    /// <summary>Decapsulate: pop all outer headers together (the overlay layer's inbound action).</summary>
    public static HeaderTransform Decapsulate => new() { OuterEther = EtherTransform.Pop, OuterIp = IpTransform.Pop, OuterEncap = EncapTransform.Pop };

    /// <summary>
    /// The single transformation equal to applying <paramref name="first"/> then <paramref name="second"/>. False when
    /// no single transformation says the same (a pop followed by a push or modify of the same slot, a push onto a
    /// pushed slot, a push after a modify).
    /// </summary>
    public static bool TryCompose(in HeaderTransform first, in HeaderTransform second, out HeaderTransform composed)
    {
        composed = default;
        if (!TransformComposition.TryComposeEther(first.OuterEther, second.OuterEther, out EtherTransform outerEther) ||
            !TransformComposition.TryComposeIp(first.OuterIp, second.OuterIp, out IpTransform outerIp) ||
            !TransformComposition.TryComposeEncap(first.OuterEncap, second.OuterEncap, out EncapTransform encap) ||
            !TransformComposition.TryComposeEther(first.InnerEther, second.InnerEther, out EtherTransform innerEther) ||
            !TransformComposition.TryComposeIp(first.InnerIp, second.InnerIp, out IpTransform innerIp) ||
            !TransformComposition.TryComposeUlp(first.InnerUlp, second.InnerUlp, out UlpTransform ulp))
        {
            return false;
        }

        composed = new HeaderTransform
        {
            OuterEther = outerEther,
            OuterIp = outerIp,
            OuterEncap = encap,
            InnerEther = innerEther,
            InnerIp = innerIp,
            InnerUlp = ulp,
        };
        return true;
    }

    /// <summary>Folds a whole sequence (e.g. every layer's transformation in a UFT entry, in order) into one.</summary>
    public static bool TryCompose(ReadOnlySpan<HeaderTransform> sequence, out HeaderTransform composed)
    {
        HeaderTransform accumulated = default;
        bool any = false;
        for (int i = 0; i < sequence.Length; i++)
        {
            ref readonly HeaderTransform step = ref sequence[i];
            if (step.IsIdentity)
            {
                // Composing with the identity changes nothing (most layers of a walk transform nothing).
                continue;
            }

            if (!any)
            {
                accumulated = step;
                any = true;
                continue;
            }

            // A separate result variable: `in` and `out` must not alias the same storage.
            if (!TryCompose(accumulated, step, out HeaderTransform next))
            {
                composed = default;
                return false;
            }

            accumulated = next;
        }

        composed = accumulated;
        return true;
    }

    public bool Equals(HeaderTransform other) =>
        OuterEther == other.OuterEther && OuterIp == other.OuterIp && OuterEncap == other.OuterEncap &&
        InnerEther == other.InnerEther && InnerIp == other.InnerIp && InnerUlp == other.InnerUlp;

    public override bool Equals(object? obj) => obj is HeaderTransform other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(OuterEther, OuterIp, OuterEncap, InnerEther, InnerIp, InnerUlp);

    /// <summary>Non-ignored slots, for dump-uft's XFORMS column (allocates; control path).</summary>
    public override string ToString()
    {
        var parts = new List<string>(6);
        AddIf(parts, OuterEther.Action, "outer " + OuterEther);
        AddIf(parts, OuterIp.Action, "outer " + OuterIp);
        AddIf(parts, OuterEncap.Action, OuterEncap.ToString());
        AddIf(parts, InnerEther.Action, InnerEther.ToString());
        AddIf(parts, InnerIp.Action, InnerIp.ToString());
        AddIf(parts, InnerUlp.Action, InnerUlp.ToString());
        return parts.Count == 0 ? "identity" : string.Join(", ", parts);
    }

    private static void AddIf(List<string> parts, HeaderAction action, string text)
    {
        if (action != HeaderAction.Ignore)
        {
            parts.Add(text);
        }
    }

    public static bool operator ==(HeaderTransform left, HeaderTransform right) => left.Equals(right);

    public static bool operator !=(HeaderTransform left, HeaderTransform right) => !left.Equals(right);
}

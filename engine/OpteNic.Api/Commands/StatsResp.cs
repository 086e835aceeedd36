using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.Stats"/>: named counters, so new counters need no new wire version.
/// Wire form: <c>port_name</c> (Option&lt;String&gt;), <c>port</c> (Vec&lt;StatCounter&gt;), <c>layers</c> (Vec&lt;LayerStats&gt;), <c>card</c> (Vec&lt;StatCounter&gt;).
/// </summary>
/// <param name="PortName">The port, as requested.</param>
/// <param name="Port">Port counters (in_*/out_*, uft_*, tcp_*).</param>
/// <param name="Layers">Per-layer counters in outbound order.</param>
/// <param name="Card">Card-wide counters: parse drops by reason, mailbox and queue counters.</param>
public sealed record StatsResp(
    string? PortName,
    ValueArray<StatCounter> Port,
    ValueArray<LayerStats> Layers,
    ValueArray<StatCounter> Card) : IPostcardSerializable<StatsResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteOptionString(PortName);
        writer.WriteSequence(Port);
        writer.WriteSequence(Layers);
        writer.WriteSequence(Card);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out StatsResp value)
    {
        value = null;
        if (!reader.TryReadOptionString(out string? fPortName) ||
            !reader.TryReadSequence(out ValueArray<StatCounter> fPort, 2) ||
            !reader.TryReadSequence(out ValueArray<LayerStats> fLayers, 2) ||
            !reader.TryReadSequence(out ValueArray<StatCounter> fCard, 2))
        {
            return false;
        }

        value = new StatsResp(fPortName, fPort, fLayers, fCard);
        return true;
    }
}

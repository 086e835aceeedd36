using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.Stats"/> (card extension, 201).
/// Wire form: <c>port_name</c> (Option&lt;String&gt;).
/// </summary>
/// <param name="PortName">The port whose counters to return, or None for the card's counters only.</param>
public sealed record StatsReq(
    string? PortName) : IOpteRequest<StatsReq, StatsResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.Stats;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.Stats;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteOptionString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out StatsReq value)
    {
        value = null;
        if (!reader.TryReadOptionString(out string? fPortName))
        {
            return false;
        }

        value = new StatsReq(fPortName);
        return true;
    }
}

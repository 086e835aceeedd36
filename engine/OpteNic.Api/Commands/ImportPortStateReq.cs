using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ImportPortState"/> (205, card extension): rebuild the flows of a blob exported by
/// <see cref="OpteCmd.ExportPortState"/> on a running port of the same guest (datasheet §5.7).
/// Wire form: <c>port_name</c> (String), <c>state</c> (Vec&lt;u8&gt;).
/// </summary>
/// <param name="PortName">The destination port; Running, same guest MAC and VNI as the exported one.</param>
/// <param name="State">The blob, byte for byte as exported.</param>
public sealed record ImportPortStateReq(
    string PortName,
    ValueArray<byte> State) : IOpteRequest<ImportPortStateReq, ImportPortStateResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ImportPortState;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ImportPortState;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteBytes(State.AsSpan());
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ImportPortStateReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadBytes(out ReadOnlySpan<byte> fState))
        {
            return false;
        }

        value = new ImportPortStateReq(fPortName, ValueArray.Create(fState));
        return true;
    }
}

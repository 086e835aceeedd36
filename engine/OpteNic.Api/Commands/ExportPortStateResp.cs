using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.ExportPortState"/>: the port's state blob, opaque to the host (its layout, version
/// and CRC-32 belong to the card, datasheet §5.7), and how many flows it holds.
/// Wire form: <c>port_name</c> (String), <c>flows</c> (u32), <c>state</c> (Vec&lt;u8&gt;).
/// </summary>
/// <param name="PortName">The port, as requested.</param>
/// <param name="Flows">Flows in the blob.</param>
/// <param name="State">The blob to give <see cref="OpteCmd.ImportPortState"/> on the destination card.</param>
public sealed record ExportPortStateResp(
    string PortName,
    uint Flows,
    ValueArray<byte> State) : IPostcardSerializable<ExportPortStateResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteU32(Flows);
        writer.WriteBytes(State.AsSpan());
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ExportPortStateResp value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadU32(out uint fFlows) ||
            !reader.TryReadBytes(out ReadOnlySpan<byte> fState))
        {
            return false;
        }

        value = new ExportPortStateResp(fPortName, fFlows, ValueArray.Create(fState));
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.ImportPortState"/>: how many flows were rebuilt and, for each one that was not, why
/// (the others are unaffected; a blob refused as a whole is an error instead, datasheet §5.7).
/// Wire form: <c>port_name</c> (String), <c>restored</c> (u32), <c>failures</c> (Vec&lt;FlowRestoreFailure&gt;).
/// </summary>
/// <param name="PortName">The port, as requested.</param>
/// <param name="Restored">Flows rebuilt.</param>
/// <param name="Failures">One entry per flow that was not rebuilt.</param>
public sealed record ImportPortStateResp(
    string PortName,
    uint Restored,
    ValueArray<FlowRestoreFailure> Failures) : IPostcardSerializable<ImportPortStateResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteU32(Restored);
        writer.WriteSequence(Failures);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ImportPortStateResp value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadU32(out uint fRestored) ||
            !reader.TryReadSequence(out ValueArray<FlowRestoreFailure> fFailures, 14))
        {
            return false;
        }

        value = new ImportPortStateResp(fPortName, fRestored, fFailures);
        return true;
    }
}

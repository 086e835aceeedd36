using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One flow an <see cref="OpteCmd.ImportPortState"/> could not rebuild: the guest's flow id, the reason, and the
/// card's words for it (which layer denied it, which SNAT port was taken).
/// Wire form: <c>flow</c> (InnerFlowId), <c>reason</c> (FlowRestoreReason), <c>message</c> (String).
/// </summary>
/// <param name="Flow">The flow as the guest sends it (outbound key).</param>
/// <param name="Reason">Why it was not rebuilt.</param>
/// <param name="Message">The card's explanation.</param>
public sealed record FlowRestoreFailure(
    InnerFlowId Flow,
    FlowRestoreReason Reason,
    string Message) : IPostcardSerializable<FlowRestoreFailure>
{
    private const uint ReasonCount = (uint)FlowRestoreReason.ProcessError + 1;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.Write(Flow);
        writer.WriteVariant((uint)Reason);
        writer.WriteString(Message);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out FlowRestoreFailure value)
    {
        value = null;
        if (!reader.TryRead(out InnerFlowId fFlow) ||
            !reader.TryReadVariant(ReasonCount, nameof(FlowRestoreReason), out uint fReason) ||
            !reader.TryReadString(out string fMessage))
        {
            return false;
        }

        value = new FlowRestoreFailure(fFlow, (FlowRestoreReason)fReason, fMessage);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DelRouterEntry"/>: whether the entry existed. Wire form is OPTE's
/// <c>enum DelRouterEntryResp { Ok, NotFound }</c>, i.e. the discriminant alone.
/// Wire form: <c>outcome</c> (RemovalOutcome).
/// </summary>
/// <param name="Outcome">Ok or NotFound.</param>
public sealed record DelRouterEntryResp(
    RemovalOutcome Outcome) : IPostcardSerializable<DelRouterEntryResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteRemovalOutcome(Outcome);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DelRouterEntryResp value)
    {
        value = null;
        if (!reader.TryReadRemovalOutcome(out RemovalOutcome fOutcome))
        {
            return false;
        }

        value = new DelRouterEntryResp(fOutcome);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.RemoveCidr"/>: whether the prefix was allowed. Wire form: the discriminant
/// of <c>enum { Ok, NotFound }</c>.
/// Wire form: <c>outcome</c> (RemovalOutcome).
/// </summary>
/// <param name="Outcome">Ok or NotFound.</param>
public sealed record RemoveCidrResp(
    RemovalOutcome Outcome) : IPostcardSerializable<RemoveCidrResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteRemovalOutcome(Outcome);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RemoveCidrResp value)
    {
        value = null;
        if (!reader.TryReadRemovalOutcome(out RemovalOutcome fOutcome))
        {
            return false;
        }

        value = new RemoveCidrResp(fOutcome);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of every command that returns nothing but success. OPTE gives it one placeholder field, kept so
/// that an OPTE client decodes it unchanged.
/// Wire form: <c>unused</c> (u64 varint).
/// </summary>
/// <param name="Unused">Always 0.</param>
public sealed record NoResp(
    ulong Unused) : IPostcardSerializable<NoResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Unused);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out NoResp value)
    {
        value = null;
        if (!reader.TryReadU64(out ulong fUnused))
        {
            return false;
        }

        value = new NoResp(fUnused);
        return true;
    }
}

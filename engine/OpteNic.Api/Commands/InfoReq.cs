using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.Info"/> (card extension, 200). Carries no fields: encodes to zero bytes, so a
/// request length of 0 is valid for this command.
/// </summary>
public sealed record InfoReq : IOpteRequest<InfoReq, InfoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.Info;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.Info;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out InfoReq value)
    {
        value = new InfoReq();
        return true;
    }
}

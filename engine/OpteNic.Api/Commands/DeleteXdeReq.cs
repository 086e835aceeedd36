using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DeleteXde"/> (71).
/// Wire form: <c>xde_devname</c> (String).
/// </summary>
/// <param name="XdeDevname">Port name.</param>
public sealed record DeleteXdeReq(
    string XdeDevname) : IOpteRequest<DeleteXdeReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DeleteXde;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DeleteXde;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(XdeDevname);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DeleteXdeReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fXdeDevname))
        {
            return false;
        }

        value = new DeleteXdeReq(fXdeDevname);
        return true;
    }
}

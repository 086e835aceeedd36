using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.RemFwRule"/> (21): remove one rule by id.
/// Wire form: <c>port_name</c> (String), <c>dir</c> (Direction), <c>id</c> (u64 varint).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Dir">Which rule table.</param>
/// <param name="Id">Rule id (from dump-layer).</param>
public sealed record RemFwRuleReq(
    string PortName,
    Direction Dir,
    ulong Id) : IOpteRequest<RemFwRuleReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.RemFwRule;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.RemFwRule;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteDirection(Dir);
        writer.WriteU64(Id);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RemFwRuleReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadDirection(out Direction fDir) ||
            !reader.TryReadU64(out ulong fId))
        {
            return false;
        }

        value = new RemFwRuleReq(fPortName, fDir, fId);
        return true;
    }
}

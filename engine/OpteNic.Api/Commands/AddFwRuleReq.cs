using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.AddFwRule"/> (20): add one rule; existing flows keep their LFT entries.
/// Wire form: <c>port_name</c> (String), <c>rule</c> (FirewallRule).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Rule">The rule.</param>
public sealed record AddFwRuleReq(
    string PortName,
    FirewallRule Rule) : IOpteRequest<AddFwRuleReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.AddFwRule;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.AddFwRule;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Rule.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out AddFwRuleReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out FirewallRule fRule))
        {
            return false;
        }

        value = new AddFwRuleReq(fPortName, fRule);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetFwRules"/> (22): replace every firewall rule (clears the firewall LFT).
/// Wire form: <c>port_name</c> (String), <c>rules</c> (Vec&lt;FirewallRule&gt;).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Rules">The new rule set.</param>
public sealed record SetFwRulesReq(
    string PortName,
    ValueArray<FirewallRule> Rules) : IOpteRequest<SetFwRulesReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetFwRules;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetFwRules;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteSequence(Rules);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetFwRulesReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadSequence(out ValueArray<FirewallRule> fRules, 6))
        {
            return false;
        }

        value = new SetFwRulesReq(fPortName, fRules);
        return true;
    }
}

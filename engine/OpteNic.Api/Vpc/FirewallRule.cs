using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// A VPC firewall rule. Wire form: direction, filters, action, priority (u16 varint; lower runs first). Text form:
/// see <see cref="FirewallRuleText"/>.
/// </summary>
public sealed record FirewallRule(Direction Direction, Filters Filters, FirewallAction Action, ushort Priority)
    : IPostcardSerializable<FirewallRule>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteDirection(Direction);
        Filters.Write(ref writer);
        writer.WriteFirewallAction(Action);
        writer.WriteU16(Priority);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out FirewallRule value)
    {
        value = null;
        if (!reader.TryReadDirection(out Direction direction) || !reader.TryRead(out Filters filters) ||
            !reader.TryReadFirewallAction(out FirewallAction action) || !reader.TryReadU16(out ushort priority))
        {
            return false;
        }

        value = new FirewallRule(direction, filters, action, priority);
        return true;
    }

    /// <summary>The canonical text form.</summary>
    public override string ToString() => FirewallRuleText.Format(this);
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One row of <c>list-layers</c>.
/// Wire form: <c>name</c> (String), <c>rules_in</c> (usize varint), <c>rules_out</c> (usize varint), <c>default_in</c> (String), <c>default_out</c> (String), <c>flows</c> (u32 varint).
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="RulesIn">Inbound rules.</param>
/// <param name="RulesOut">Outbound rules.</param>
/// <param name="DefaultIn">Inbound default action ("allow", "stateful allow", "deny").</param>
/// <param name="DefaultOut">Outbound default action.</param>
/// <param name="Flows">Live LFT entries (in + out pairs).</param>
public sealed record LayerDesc(
    string Name,
    ulong RulesIn,
    ulong RulesOut,
    string DefaultIn,
    string DefaultOut,
    uint Flows) : IPostcardSerializable<LayerDesc>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteUsize(RulesIn);
        writer.WriteUsize(RulesOut);
        writer.WriteString(DefaultIn);
        writer.WriteString(DefaultOut);
        writer.WriteU32(Flows);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out LayerDesc value)
    {
        value = null;
        if (!reader.TryReadString(out string fName) ||
            !reader.TryReadUsize(out ulong fRulesIn) ||
            !reader.TryReadUsize(out ulong fRulesOut) ||
            !reader.TryReadString(out string fDefaultIn) ||
            !reader.TryReadString(out string fDefaultOut) ||
            !reader.TryReadU32(out uint fFlows))
        {
            return false;
        }

        value = new LayerDesc(fName, fRulesIn, fRulesOut, fDefaultIn, fDefaultOut, fFlows);
        return true;
    }
}

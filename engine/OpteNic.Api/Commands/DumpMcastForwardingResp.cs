using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpMcastForwarding"/>.
/// Wire form: <c>entries</c> (Vec&lt;McastForwardingEntry&gt;).
/// </summary>
/// <param name="Entries">Every forwarding entry.</param>
public sealed record DumpMcastForwardingResp(
    ValueArray<McastForwardingEntry> Entries) : IPostcardSerializable<DumpMcastForwardingResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Entries);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcastForwardingResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<McastForwardingEntry> fEntries, 17))
        {
            return false;
        }

        value = new DumpMcastForwardingResp(fEntries);
        return true;
    }
}

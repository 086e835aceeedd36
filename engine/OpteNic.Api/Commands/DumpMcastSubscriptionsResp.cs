using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpMcastSubscriptions"/>.
/// Wire form: <c>entries</c> (Vec&lt;McastSubscriptionEntry&gt;).
/// </summary>
/// <param name="Entries">Subscriptions per underlay group.</param>
public sealed record DumpMcastSubscriptionsResp(
    ValueArray<McastSubscriptionEntry> Entries) : IPostcardSerializable<DumpMcastSubscriptionsResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Entries);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcastSubscriptionsResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<McastSubscriptionEntry> fEntries, 17))
        {
            return false;
        }

        value = new DumpMcastSubscriptionsResp(fEntries);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpMcast2Phys"/>.
/// Wire form: <c>entries</c> (Vec&lt;Mcast2PhysEntry&gt;).
/// </summary>
/// <param name="Entries">Every M2P mapping.</param>
public sealed record DumpMcast2PhysResp(
    ValueArray<Mcast2PhysEntry> Entries) : IPostcardSerializable<DumpMcast2PhysResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Entries);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcast2PhysResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<Mcast2PhysEntry> fEntries, 21))
        {
            return false;
        }

        value = new DumpMcast2PhysResp(fEntries);
        return true;
    }
}

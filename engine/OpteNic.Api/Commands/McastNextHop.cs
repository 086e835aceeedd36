using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// A multicast next hop and how it replicates (a tuple in OPTE).
/// Wire form: <c>next_hop</c> (NextHopV6), <c>replication</c> (Replication).
/// </summary>
/// <param name="NextHop">The next hop.</param>
/// <param name="Replication">Replication mode.</param>
public sealed record McastNextHop(
    NextHopV6 NextHop,
    Replication Replication) : IPostcardSerializable<McastNextHop>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        NextHop.Write(ref writer);
        writer.WriteReplication(Replication);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastNextHop value)
    {
        value = null;
        if (!reader.TryRead(out NextHopV6 fNextHop) ||
            !reader.TryReadReplication(out Replication fReplication))
        {
            return false;
        }

        value = new McastNextHop(fNextHop, fReplication);
        return true;
    }
}

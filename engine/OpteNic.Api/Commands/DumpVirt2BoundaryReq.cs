using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpVirt2Boundary"/> (54). OPTE gives it one placeholder field.
/// Wire form: <c>unused</c> (u64 varint).
/// </summary>
/// <param name="Unused">Always 0.</param>
public sealed record DumpVirt2BoundaryReq(
    ulong Unused) : IOpteRequest<DumpVirt2BoundaryReq, DumpVirt2BoundaryResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpVirt2Boundary;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpVirt2Boundary;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Unused);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpVirt2BoundaryReq value)
    {
        value = null;
        if (!reader.TryReadU64(out ulong fUnused))
        {
            return false;
        }

        value = new DumpVirt2BoundaryReq(fUnused);
        return true;
    }
}

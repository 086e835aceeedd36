using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpMcast2Phys"/> (109).
/// Wire form: nothing (zero bytes).
/// </summary>
public sealed record DumpMcast2PhysReq : IOpteRequest<DumpMcast2PhysReq, DumpMcast2PhysResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpMcast2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpMcast2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcast2PhysReq value)
    {
        value = new();
        return true;
    }
}

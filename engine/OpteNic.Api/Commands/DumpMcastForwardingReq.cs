using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpMcastForwarding"/> (102).
/// Wire form: nothing (zero bytes).
/// </summary>
public sealed record DumpMcastForwardingReq : IOpteRequest<DumpMcastForwardingReq, DumpMcastForwardingResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpMcastForwarding;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpMcastForwarding;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcastForwardingReq value)
    {
        value = new();
        return true;
    }
}

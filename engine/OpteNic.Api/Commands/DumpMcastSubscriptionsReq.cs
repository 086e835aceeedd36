using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpMcastSubscriptions"/> (107).
/// Wire form: nothing (zero bytes).
/// </summary>
public sealed record DumpMcastSubscriptionsReq : IOpteRequest<DumpMcastSubscriptionsReq, DumpMcastSubscriptionsResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpMcastSubscriptions;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpMcastSubscriptions;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpMcastSubscriptionsReq value)
    {
        value = new();
        return true;
    }
}

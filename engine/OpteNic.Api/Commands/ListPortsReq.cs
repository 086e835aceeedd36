using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ListPorts"/> (1).
/// Wire form: nothing (zero bytes).
/// </summary>
public sealed record ListPortsReq : IOpteRequest<ListPortsReq, ListPortsResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ListPorts;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ListPorts;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ListPortsReq value)
    {
        value = new();
        return true;
    }
}

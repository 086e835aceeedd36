using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.ListPorts"/>: every port.
/// Wire form: <c>ports</c> (Vec&lt;PortInfo&gt;).
/// </summary>
/// <param name="Ports">One row per port.</param>
public sealed record ListPortsResp(
    ValueArray<PortInfo> Ports) : IPostcardSerializable<ListPortsResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Ports);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ListPortsResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<PortInfo> fPorts, 12))
        {
            return false;
        }

        value = new ListPortsResp(fPorts);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.AddRouterEntry"/> (60).
/// Wire form: <c>port_name</c> (String), <c>dest</c> (IpCidr), <c>target</c> (RouterTarget), <c>class</c> (RouterClass).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Dest">Destination prefix.</param>
/// <param name="Target">Where matching traffic goes.</param>
/// <param name="Class">System or custom.</param>
public sealed record AddRouterEntryReq(
    string PortName,
    IpCidr Dest,
    RouterTarget Target,
    RouterClass Class) : IOpteRequest<AddRouterEntryReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.AddRouterEntry;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.AddRouterEntry;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Dest.Write(ref writer);
        Target.Write(ref writer);
        writer.WriteRouterClass(Class);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out AddRouterEntryReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpCidr fDest) ||
            !reader.TryRead(out RouterTarget fTarget) ||
            !reader.TryReadRouterClass(out RouterClass fClass))
        {
            return false;
        }

        value = new AddRouterEntryReq(fPortName, fDest, fTarget, fClass);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// The tracked TCP state of one flow.
/// Wire form: <c>state</c> (TcpState), <c>guest_seq</c> (Option&lt;u32&gt;), <c>guest_ack</c> (Option&lt;u32&gt;), <c>remote_seq</c> (Option&lt;u32&gt;), <c>remote_ack</c> (Option&lt;u32&gt;).
/// </summary>
/// <param name="State">Connection state.</param>
/// <param name="GuestSeq">Last guest sequence number seen.</param>
/// <param name="GuestAck">Last guest acknowledgement seen.</param>
/// <param name="RemoteSeq">Last remote sequence number seen.</param>
/// <param name="RemoteAck">Last remote acknowledgement seen.</param>
public sealed record TcpFlowStateDump(
    TcpState State,
    uint? GuestSeq,
    uint? GuestAck,
    uint? RemoteSeq,
    uint? RemoteAck) : IPostcardSerializable<TcpFlowStateDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteTcpState(State);
        writer.WriteOptionU32(GuestSeq);
        writer.WriteOptionU32(GuestAck);
        writer.WriteOptionU32(RemoteSeq);
        writer.WriteOptionU32(RemoteAck);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TcpFlowStateDump value)
    {
        value = null;
        if (!reader.TryReadTcpState(out TcpState fState) ||
            !reader.TryReadOptionU32(out uint? fGuestSeq) ||
            !reader.TryReadOptionU32(out uint? fGuestAck) ||
            !reader.TryReadOptionU32(out uint? fRemoteSeq) ||
            !reader.TryReadOptionU32(out uint? fRemoteAck))
        {
            return false;
        }

        value = new TcpFlowStateDump(fState, fGuestSeq, fGuestAck, fRemoteSeq, fRemoteAck);
        return true;
    }
}

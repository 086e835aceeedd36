using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Ties a request type to its command code and its response type, so a client call is typed end to end:
/// <c>client.Run&lt;SetVirt2PhysReq, NoResp&gt;(request)</c>.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
/// <typeparam name="TResponse">What the firmware answers on success.</typeparam>
public interface IOpteRequest<TSelf, TResponse> : IOpteRequest, IPostcardSerializable<TSelf>
    where TSelf : IOpteRequest<TSelf, TResponse>
    where TResponse : IPostcardSerializable<TResponse>
{
    /// <summary>The command code (same as <see cref="IOpteRequest.Command"/>, available without an instance).</summary>
    static abstract OpteCmd Cmd { get; }
}

using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;

namespace OpteAdm.Opte;

/// <summary>
/// The request → client call step: encodes a typed request, runs it through the host engineer's mailbox client
/// (<see cref="OpteDevice.Execute"/>: locking, sequence ids, ENOBUFS growth, errors classified) and decodes the typed
/// response. A response that does not decode is the firmware breaking the protocol, reported as such.
/// </summary>
internal sealed class OpteCall
{
    private readonly OpteDevice _device;
    private readonly CommandOptions _options;

    /// <summary>Calls through <paramref name="device"/> with <paramref name="options"/> (timeout, API version).</summary>
    public OpteCall(OpteDevice device, CommandOptions options)
    {
        _device = device;
        _options = options;
    }

    /// <summary>Sends <paramref name="request"/> and returns the decoded response.</summary>
    public TResp Run<TReq, TResp>(TReq request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var body = PostcardSerializer.SerializeToArray(request);
        var response = _device.Execute(TReq.Cmd, body, _options);
        return Decode<TResp>(TReq.Cmd.ToString(), response.Body);
    }

    /// <summary>
    /// Decodes a response body. OPTE always writes <c>NoResp { unused: 0 }</c>; a firmware that writes nothing for a
    /// command without a response is accepted too (there is nothing to misread).
    /// </summary>
    public static TResp Decode<TResp>(string command, ReadOnlySpan<byte> body)
        where TResp : IPostcardSerializable<TResp>
    {
        if (body.IsEmpty && typeof(TResp) == typeof(NoResp))
        {
            return (TResp)(object)new NoResp(0);
        }

        if (PostcardSerializer.TryDeserialize<TResp>(body, out var value, out var error))
        {
            return value;
        }

        throw new OpteDeviceException(
            DeviceErrorKind.ProtocolViolation,
            $"{command}: the firmware's {body.Length}-byte response does not decode as {typeof(TResp).Name}: {error}",
            Errno.EIO);
    }
}

using OpteAdm.Opte;
using OpteNic.Api.Commands;
using OpteNic.Client.Device;
using OpteNic.Api.Wire;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Everything the card will dump, as the firmware encoded it: ports, every layer of every port (rules, hits, LFTs),
/// UFTs, TCP flows, V2P (paged), V2B, M2P, multicast forwarding and subscriptions. Two snapshots taken around a
/// failing command must be byte for byte the same (a command applies completely or not at all, datasheet §5.1).
/// Taken through the client library, in the test process, so the check costs milliseconds rather than processes.
/// </summary>
public sealed class CardState
{
    private readonly List<(string What, string Bytes)> _dumps = [];

    private CardState()
    {
    }

    /// <summary>Takes a snapshot of the card behind <paramref name="stateDirectory"/>.</summary>
    public static CardState Take(string stateDirectory)
    {
        using var device = OpteDevice.Open(stateDirectory);
        var state = new CardState();
        var ports = state.Add(device, new ListPortsReq());
        foreach (var port in ports.Ports)
        {
            foreach (var layer in state.Add(device, new ListLayersReq(port.Name)).Layers)
            {
                state.Add(device, new DumpLayerReq(port.Name, layer.Name));
            }

            state.Add(device, new DumpUftReq(port.Name));
            state.Add(device, new DumpTcpFlowsReq(port.Name));
        }

        for (var page = new DumpVirt2PhysReq(0, null, 16384); ;)
        {
            var response = state.Add(device, page);
            if (response.Next is not { } next)
            {
                break;
            }

            page = page with { After = next };
        }

        state.Add(device, new DumpVirt2BoundaryReq(0));
        state.Add(device, new DumpMcast2PhysReq());
        state.Add(device, new DumpMcastForwardingReq());
        state.Add(device, new DumpMcastSubscriptionsReq());
        return state;
    }

    /// <summary>Asserts that <paramref name="after"/> holds exactly the same dumps as this snapshot.</summary>
    public void AssertUnchanged(CardState after, string because)
    {
        Assert.Equal(_dumps.Select(d => d.What), after._dumps.Select(d => d.What));
        for (var i = 0; i < _dumps.Count; i++)
        {
            Assert.True(_dumps[i].Bytes == after._dumps[i].Bytes, $"{_dumps[i].What} changed after {because}");
        }
    }

    private TResp Add<TReq, TResp>(OpteDevice device, IOpteRequest<TReq, TResp> request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var body = device.Execute(TReq.Cmd, PostcardSerializer.SerializeToArray((TReq)request)).Body;
        _dumps.Add((request.ToString() ?? typeof(TReq).Name, Convert.ToHexString(body)));
        return OpteCall.Decode<TResp>(TReq.Cmd.ToString(), body);
    }
}

using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Decodes a request body for a command code into its request type, turning every failure into the
/// <see cref="OpteError"/> the firmware answers with: <see cref="OpteError.NoRequestBody"/> for an empty body that
/// the command needs, <see cref="OpteError.DeserCmdReq"/> (naming the failure and offset) for malformed bytes, and
/// <see cref="OpteError.System"/> with EOPNOTSUPP for an unknown code. Never throws.
/// </summary>
public static class OpteRequests
{
    /// <summary>True for every code this API defines a request for.</summary>
    public static bool IsKnown(OpteCmd cmd) => Enum.IsDefined(cmd);

    /// <summary>Decodes <paramref name="body"/> as the request of <paramref name="cmd"/>.</summary>
    public static bool TryDecode(OpteCmd cmd, ReadOnlySpan<byte> body, [MaybeNullWhen(false)] out IOpteRequest request,
        [MaybeNullWhen(true)] out OpteError error)
    {
        return cmd switch
        {
            OpteCmd.ListPorts => Decode<ListPortsReq>(body, out request, out error),
            OpteCmd.AddFwRule => Decode<AddFwRuleReq>(body, out request, out error),
            OpteCmd.RemFwRule => Decode<RemFwRuleReq>(body, out request, out error),
            OpteCmd.SetFwRules => Decode<SetFwRulesReq>(body, out request, out error),
            OpteCmd.DumpTcpFlows => Decode<DumpTcpFlowsReq>(body, out request, out error),
            OpteCmd.DumpLayer => Decode<DumpLayerReq>(body, out request, out error),
            OpteCmd.DumpUft => Decode<DumpUftReq>(body, out request, out error),
            OpteCmd.ListLayers => Decode<ListLayersReq>(body, out request, out error),
            OpteCmd.ClearUft => Decode<ClearUftReq>(body, out request, out error),
            OpteCmd.ClearLft => Decode<ClearLftReq>(body, out request, out error),
            OpteCmd.SetVirt2Phys => Decode<SetVirt2PhysReq>(body, out request, out error),
            OpteCmd.DumpVirt2Phys => Decode<DumpVirt2PhysReq>(body, out request, out error),
            OpteCmd.SetVirt2Boundary => Decode<SetVirt2BoundaryReq>(body, out request, out error),
            OpteCmd.ClearVirt2Boundary => Decode<ClearVirt2BoundaryReq>(body, out request, out error),
            OpteCmd.DumpVirt2Boundary => Decode<DumpVirt2BoundaryReq>(body, out request, out error),
            OpteCmd.ClearVirt2Phys => Decode<ClearVirt2PhysReq>(body, out request, out error),
            OpteCmd.AddRouterEntry => Decode<AddRouterEntryReq>(body, out request, out error),
            OpteCmd.DelRouterEntry => Decode<DelRouterEntryReq>(body, out request, out error),
            OpteCmd.CreateXde => Decode<CreateXdeReq>(body, out request, out error),
            OpteCmd.DeleteXde => Decode<DeleteXdeReq>(body, out request, out error),
            OpteCmd.SetXdeUnderlay => Decode<SetXdeUnderlayReq>(body, out request, out error),
            OpteCmd.ClearXdeUnderlay => Decode<ClearXdeUnderlayReq>(body, out request, out error),
            OpteCmd.SetExternalIps => Decode<SetExternalIpsReq>(body, out request, out error),
            OpteCmd.AllowCidr => Decode<AllowCidrReq>(body, out request, out error),
            OpteCmd.RemoveCidr => Decode<RemoveCidrReq>(body, out request, out error),
            OpteCmd.AttachSubnet => Decode<AttachSubnetReq>(body, out request, out error),
            OpteCmd.DetachSubnet => Decode<DetachSubnetReq>(body, out request, out error),
            OpteCmd.SetMcastForwarding => Decode<SetMcastForwardingReq>(body, out request, out error),
            OpteCmd.ClearMcastForwarding => Decode<ClearMcastForwardingReq>(body, out request, out error),
            OpteCmd.DumpMcastForwarding => Decode<DumpMcastForwardingReq>(body, out request, out error),
            OpteCmd.McastSubscribe => Decode<McastSubscribeReq>(body, out request, out error),
            OpteCmd.McastUnsubscribe => Decode<McastUnsubscribeReq>(body, out request, out error),
            OpteCmd.SetMcast2Phys => Decode<SetMcast2PhysReq>(body, out request, out error),
            OpteCmd.ClearMcast2Phys => Decode<ClearMcast2PhysReq>(body, out request, out error),
            OpteCmd.DumpMcastSubscriptions => Decode<DumpMcastSubscriptionsReq>(body, out request, out error),
            OpteCmd.McastUnsubscribeAll => Decode<McastUnsubscribeAllReq>(body, out request, out error),
            OpteCmd.DumpMcast2Phys => Decode<DumpMcast2PhysReq>(body, out request, out error),
            OpteCmd.Info => Decode<InfoReq>(body, out request, out error),
            OpteCmd.Stats => Decode<StatsReq>(body, out request, out error),
            OpteCmd.PausePort => Decode<PausePortReq>(body, out request, out error),
            OpteCmd.StartPort => Decode<StartPortReq>(body, out request, out error),
            OpteCmd.ExportPortState => Decode<ExportPortStateReq>(body, out request, out error),
            OpteCmd.ImportPortState => Decode<ImportPortStateReq>(body, out request, out error),
            _ => Unknown(cmd, out request, out error),
        };
    }

    private static bool Unknown(OpteCmd cmd, out IOpteRequest? request, out OpteError error)
    {
        request = null;
        error = new OpteError.System(Errno.EOPNOTSUPP, $"unknown command {(uint)cmd}");
        return false;
    }

    private static bool Decode<T>(ReadOnlySpan<byte> body, [MaybeNullWhen(false)] out IOpteRequest request,
        [MaybeNullWhen(true)] out OpteError error)
        where T : IOpteRequest, IPostcardSerializable<T>
    {
        if (PostcardSerializer.TryDeserialize<T>(body, out T? decoded, out PostcardError failure))
        {
            request = decoded;
            error = null;
            return true;
        }

        request = null;
        error = body.IsEmpty
            ? new OpteError.NoRequestBody()
            : new OpteError.DeserCmdReq($"{typeof(T).Name}: {failure}");
        return false;
    }
}

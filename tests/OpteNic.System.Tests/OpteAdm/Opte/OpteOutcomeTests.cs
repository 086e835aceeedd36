using global::OpteAdm.Opte;
using global::OpteAdm.Opte.Commands;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>
/// Removals that find nothing answer success with NotFound on the wire (OPTE's <c>DelRouterEntryResp</c>,
/// <c>RemoveCidrResp</c>); opteadm turns that into the not-found exit code with the entry named, like an error.
/// </summary>
public sealed class OpteOutcomeTests
{
    [Fact]
    public void Del_router_entry_not_found_names_the_entry()
    {
        var command = Assert.IsType<OpteCommand<DelRouterEntryReq, DelRouterEntryResp>>(RouterCommands.DelRouterEntry());
        var request = new DelRouterEntryReq("opte0", IpCidr.Parse("10.9.0.0/16"), new RouterTarget.Ip(IpAddr.Parse("172.30.0.9")), RouterClass.Custom);
        Assert.NotNull(command.NotFoundWhen);
        Assert.Null(command.NotFoundWhen(request, new DelRouterEntryResp(RemovalOutcome.Ok)));
        var words = command.NotFoundWhen(request, new DelRouterEntryResp(RemovalOutcome.NotFound));
        Assert.Equal("port opte0: no custom router entry 10.9.0.0/16 -> ip4=172.30.0.9; dump-layer -p opte0 router lists the entries", words);
    }

    [Fact]
    public void Remove_cidr_not_found_names_the_prefix_and_direction()
    {
        var command = Assert.IsType<OpteCommand<RemoveCidrReq, RemoveCidrResp>>(ExternalCommands.RemoveCidr());
        var request = new RemoveCidrReq("opte0", IpCidr.Parse("10.20.0.0/16"), Direction.Out);
        Assert.NotNull(command.NotFoundWhen);
        Assert.Null(command.NotFoundWhen(request, new RemoveCidrResp(RemovalOutcome.Ok)));
        Assert.Equal("port opte0: 10.20.0.0/16 was not allowed outbound", command.NotFoundWhen(request, new RemoveCidrResp(RemovalOutcome.NotFound)));
    }

    [Fact]
    public void A_command_without_a_response_accepts_an_empty_body_but_a_dump_does_not()
    {
        Assert.Equal(new NoResp(0), OpteCall.Decode<NoResp>("ClearUft", []));
        var error = Assert.Throws<OpteNic.Client.Device.OpteDeviceException>(() => OpteCall.Decode<DumpUftResp>("DumpUft", [0x01]));
        Assert.Equal(OpteNic.Client.Device.DeviceErrorKind.ProtocolViolation, error.Kind);
        Assert.Contains("does not decode as DumpUftResp", error.Message, StringComparison.Ordinal);
    }
}

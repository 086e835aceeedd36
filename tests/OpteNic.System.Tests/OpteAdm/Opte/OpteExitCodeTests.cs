using global::OpteAdm;
using global::OpteAdm.Opte;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;
using OpteNic.Client.Mailbox;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>
/// Every <see cref="OpteError"/> variant: its exit code class (host-tools/README.md, "OPTE subcommands") and its
/// message in words, naming the subcommand, the port and the variant's own fields, plus the errno.
/// </summary>
public sealed class OpteExitCodeTests
{
    // Written out, not taken from OpteExitCodes, so that renumbering a class fails here (scripts depend on them).
    private const int AbiMismatch = 6;
    private const int NotFound = 20;
    private const int AlreadyExists = 21;
    private const int Rejected = 22;
    private const int WrongState = 23;
    private const int NoCapacity = 24;
    private const int ResponseTooLarge = 25;
    private const int WireFormat = 26;
    private const int SystemError = 27;
    private const int Unsupported = 28;

    private static readonly IOpteRequest OnPort = new DumpLayerReq("opte3", "firewall");

    /// <summary>Variant → (error, exit code, words the message must contain, in order of appearance not required).</summary>
    private static readonly Dictionary<string, (OpteError Error, IOpteRequest Request, int Code, string[] Words)> s_variants = new()
    {
        ["BadApiVersion"] = (new OpteError.BadApiVersion(40, 41), OnPort, AbiMismatch, ["client speaks 40", "firmware speaks 41", "EPROTO"]),
        ["BadLayerPos"] = (new OpteError.BadLayerPos("nat", "before:meter"), OnPort, Rejected, ["'before:meter'", "'nat'", "EINVAL"]),
        ["BadName"] = (new OpteError.BadName(), new DeleteXdeReq("opte-with-a-very-long-name"), Rejected, ["port opte-with-a-very-long-name", "bad name", "EINVAL"]),
        ["BadState"] = (new OpteError.BadState("paused"), OnPort, WrongState, ["port opte3", "paused", "EINVAL"]),
        ["CopyinReq"] = (new OpteError.CopyinReq(), OnPort, WireFormat, ["copy in the request", "wire format", "EFAULT"]),
        ["CopyoutResp"] = (new OpteError.CopyoutResp(), OnPort, WireFormat, ["copy out the response", "EFAULT"]),
        ["DeserCmdErr"] = (new OpteError.DeserCmdErr("truncated"), OnPort, WireFormat, ["truncated", "ENOMSG"]),
        ["DeserCmdReq"] = (new OpteError.DeserCmdReq("DumpLayerReq: UnexpectedEnd at offset 6"), OnPort, WireFormat, ["DumpLayerReq: UnexpectedEnd at offset 6", "opteadm version", "ENOMSG"]),
        ["FlowExists"] = (new OpteError.FlowExists("6 10.0.0.5:1 -> 10.0.0.6:2"), OnPort, AlreadyExists, ["6 10.0.0.5:1 -> 10.0.0.6:2", "EEXIST"]),
        ["InvalidRouterEntry"] = (new OpteError.InvalidRouterEntry("224.0.0.0/4", "ig"), new AddRouterEntryReq("opte0", IpCidr.Parse("224.0.0.0/4"), new OpteNic.Api.Vpc.RouterTarget.InternetGateway(null), OpteNic.Api.Vpc.RouterClass.System), Rejected, ["add-router-entry: port opte0", "224.0.0.0/4", "target ig", "EINVAL"]),
        ["InvalidUnderlayMulticast"] = (new OpteError.InvalidUnderlayMulticast("ff0e::1 is not in ff04::/16"), new SetMcast2PhysReq(IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff0e::1")), Rejected, ["ff0e::1 is not in ff04::/16", "EINVAL"]),
        ["LayerNotFound"] = (new OpteError.LayerNotFound("meter"), new DumpLayerReq("opte3", "meter"), NotFound, ["port opte3", "no layer named 'meter'", "list-layers -p opte3", "ENOENT"]),
        ["MacExists"] = (new OpteError.MacExists("opte0", new Vni(100), MacAddr.Parse("a8:40:25:00:00:01")), OnPort, AlreadyExists, ["a8:40:25:00:00:01", "VNI 100", "port opte0", "EEXIST"]),
        ["MaxCapacity"] = (new OpteError.MaxCapacity(8192), OnPort, NoCapacity, ["8192", "ENFILE"]),
        ["NoRequestBody"] = (new OpteError.NoRequestBody(), OnPort, WireFormat, ["request body", "EINVAL"]),
        ["PortCreate"] = (new OpteError.PortCreate("no underlay set"), OnPort, Rejected, ["no underlay set", "EINVAL"]),
        ["PortExists"] = (new OpteError.PortExists("opte0"), new DeleteXdeReq("opte0"), AlreadyExists, ["'opte0' already exists", "delete-xde opte0", "EEXIST"]),
        ["PortNotFound"] = (new OpteError.PortNotFound("opte9"), new DumpUftReq("opte9"), NotFound, ["dump-uft: port opte9", "no port named 'opte9'", "list-ports", "ENOENT"]),
        ["RespTooLarge"] = (new OpteError.RespTooLarge(70000000, 67108864), OnPort, ResponseTooLarge, ["70000000", "67108864", "3 tries", "ENOBUFS"]),
        ["RuleNotFound"] = (new OpteError.RuleNotFound(7), new RemFwRuleReq("opte0", Direction.In, 7), NotFound, ["rm-fw-rule: port opte0", "no inbound firewall rule with id 7", "dump-layer -p opte0 firewall", "ENOENT"]),
        ["SerCmdErr"] = (new OpteError.SerCmdErr("buffer"), OnPort, WireFormat, ["encode the command's error", "ENOMSG"]),
        ["SerCmdResp"] = (new OpteError.SerCmdResp("buffer"), OnPort, WireFormat, ["encode the response", "ENOMSG"]),
        ["System"] = (new OpteError.System(12, "cannot allocate memory"), OnPort, SystemError, ["system error 12", "cannot allocate memory", "errno 12"]),
        ["System EOPNOTSUPP"] = (new OpteError.System(Errno.EOPNOTSUPP, "unknown command 1"), new ListPortsReq(), Unsupported, ["does not implement ListPorts (command 1)", "EOPNOTSUPP"]),
        ["InvalidIpCfg"] = (new OpteError.InvalidIpCfg("private IP 10.1.0.5 is outside 10.0.0.0/24"), OnPort, Rejected, ["private IP 10.1.0.5 is outside 10.0.0.0/24", "EINVAL"]),
    };

    public static TheoryData<string> Variants => [.. s_variants.Keys];

    [Fact]
    public void Every_variant_is_in_the_table()
    {
        var discriminants = s_variants.Values.Select(v => v.Error.Discriminant).ToHashSet();
        Assert.Equal(Enumerable.Range(0, (int)OpteError.VariantCount).Select(i => (uint)i), discriminants.Order());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_maps_to_its_exit_code_class(string name)
    {
        var (error, _, code, _) = s_variants[name];
        Assert.Equal(code, OpteExitCodes.For(error));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_decoded_from_the_wire_maps_the_same(string name)
    {
        // The client decodes the firmware's error body with OpteErrorText; the decoded value must classify alike.
        var (error, _, code, _) = s_variants[name];
        var decoded = OpteErrorText.TryDecode(PostcardSerializer.SerializeToArray(error));
        Assert.NotNull(decoded);
        Assert.Equal(code, OpteExitCodes.For(decoded));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_is_said_in_words_naming_command_port_and_fields(string name)
    {
        var (error, request, _, words) = s_variants[name];
        var subcommand = SubcommandOf(request);
        var message = OpteErrorWords.Describe(subcommand, request, error);
        Assert.StartsWith(subcommand + ":", message, StringComparison.Ordinal);
        if (OpteErrorWords.PortOf(request) is { } port)
        {
            Assert.Contains($"port {port}", message, StringComparison.Ordinal);
        }

        foreach (var word in words)
        {
            Assert.True(message.Contains(word, StringComparison.Ordinal), $"'{word}' missing from: {message}");
        }
    }

    [Fact]
    public void Opte_classes_do_not_collide_with_the_device_classes()
    {
        int[] device = [ExitCodes.Ok, ExitCodes.Failure, ExitCodes.Usage, ExitCodes.DeviceNotFound, ExitCodes.PermissionDenied, ExitCodes.NotACard,
            ExitCodes.AbiMismatch, ExitCodes.NotReady, ExitCodes.Busy, ExitCodes.Timeout, ExitCodes.CommandFailed, ExitCodes.NoHostMemory,
            ExitCodes.ProtocolViolation, ExitCodes.BadInput, ExitCodes.Incomplete];
        int[] opte = [OpteExitCodes.NotFound, OpteExitCodes.AlreadyExists, OpteExitCodes.Rejected, OpteExitCodes.WrongState, OpteExitCodes.NoCapacity,
            OpteExitCodes.ResponseTooLarge, OpteExitCodes.WireFormat, OpteExitCodes.SystemError, OpteExitCodes.Unsupported];
        Assert.Empty(device.Intersect(opte));
        Assert.Equal(opte.Length, opte.Distinct().Count());
        Assert.All(opte, code => Assert.InRange(code, 20, 125)); // below the shell's 126+ (not executable, signals)
    }

    private static string SubcommandOf(IOpteRequest request) => request switch
    {
        DumpLayerReq => "dump-layer",
        DeleteXdeReq => "delete-xde",
        AddRouterEntryReq => "add-router-entry",
        SetMcast2PhysReq => "set-m2p",
        DumpUftReq => "dump-uft",
        RemFwRuleReq => "rm-fw-rule",
        ListPortsReq => "list-ports",
        _ => throw new ArgumentException($"no subcommand for {request.Command}", nameof(request)),
    };
}

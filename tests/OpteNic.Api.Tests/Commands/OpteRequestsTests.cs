using CsCheck;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Commands;

/// <summary>
/// The firmware-side request decoder: right type for the code, precise <see cref="OpteError"/> for every failure,
/// and no exception for any input (random bytes, mutated golden vectors).
/// </summary>
public class OpteRequestsTests
{
    [Fact]
    public void Decodes_a_request_into_its_type()
    {
        var sent = new SetVirt2PhysReq(IpAddr.Parse("10.0.0.6"),
            new PhysNet(Samples.GuestMac, Samples.Phys, new Vni(100)));
        Assert.True(OpteRequests.TryDecode(OpteCmd.SetVirt2Phys, PostcardSerializer.SerializeToArray(sent),
            out IOpteRequest? request, out OpteError? error), error?.Message);
        Assert.Equal(sent, request);
        Assert.Equal(OpteCmd.SetVirt2Phys, request.Command);
    }

    [Theory]
    [InlineData(OpteCmd.ListPorts)]
    [InlineData(OpteCmd.ClearXdeUnderlay)]
    [InlineData(OpteCmd.DumpMcastForwarding)]
    [InlineData(OpteCmd.DumpMcastSubscriptions)]
    [InlineData(OpteCmd.DumpMcast2Phys)]
    [InlineData(OpteCmd.Info)]
    public void Field_less_requests_accept_an_empty_body(OpteCmd cmd)
    {
        Assert.True(OpteRequests.TryDecode(cmd, [], out IOpteRequest? request, out _));
        Assert.Equal(cmd, request.Command);
    }

    [Theory]
    [InlineData(OpteCmd.AddFwRule)]
    [InlineData(OpteCmd.SetVirt2Phys)]
    [InlineData(OpteCmd.DumpVirt2Phys)]
    [InlineData(OpteCmd.CreateXde)]
    [InlineData(OpteCmd.McastUnsubscribeAll)]
    [InlineData(OpteCmd.Stats)]
    [InlineData(OpteCmd.ExportPortState)]
    [InlineData(OpteCmd.ImportPortState)]
    public void An_empty_body_for_a_command_with_fields_is_NoRequestBody(OpteCmd cmd)
    {
        Assert.False(OpteRequests.TryDecode(cmd, [], out _, out OpteError? error));
        Assert.IsType<OpteError.NoRequestBody>(error);
        Assert.Equal(Errno.EINVAL, error.Errno);
    }

    [Fact]
    public void Malformed_bytes_are_DeserCmdReq_naming_type_kind_and_offset()
    {
        // "opte0" then a Direction of 2 (only In = 0 and Out = 1 exist) at offset 6.
        byte[] body = Hex.Parse("05 6F 70 74 65 30 02 07");
        Assert.False(OpteRequests.TryDecode(OpteCmd.RemFwRule, body, out _, out OpteError? error));
        var deser = Assert.IsType<OpteError.DeserCmdReq>(error);
        Assert.Equal(Errno.ENOMSG, deser.Errno);
        Assert.Equal("RemFwRuleReq: InvalidDiscriminant at offset 6 (Direction)", deser.Detail);
    }

    [Fact]
    public void Invalid_utf8_in_a_port_name_is_reported()
    {
        Assert.False(OpteRequests.TryDecode(OpteCmd.DeleteXde, Hex.Parse("02 C3 28"), out _, out OpteError? error));
        Assert.Contains("InvalidUtf8 at offset 1", Assert.IsType<OpteError.DeserCmdReq>(error).Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        Assert.False(OpteRequests.TryDecode(OpteCmd.ListPorts, [0x00], out _, out OpteError? error));
        Assert.Contains("TrailingBytes at offset 0", Assert.IsType<OpteError.DeserCmdReq>(error).Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_a_system_error_with_EOPNOTSUPP()
    {
        Assert.False(OpteRequests.TryDecode((OpteCmd)999, [], out _, out OpteError? error));
        var system = Assert.IsType<OpteError.System>(error);
        Assert.Equal(Errno.EOPNOTSUPP, system.Errno);
        Assert.Contains("999", system.Msg, StringComparison.Ordinal);
        Assert.False(OpteRequests.IsKnown((OpteCmd)999));
        Assert.True(OpteRequests.IsKnown(OpteCmd.DumpMcast2Phys));
    }

    [Fact]
    public void Random_bytes_never_throw_for_any_command_and_successes_re_encode_stably()
    {
        OpteCmd[] commands = Enum.GetValues<OpteCmd>();
        Gen.Select(Gen.Int[0, commands.Length - 1], Gen.Byte.Array[0, 64]).Sample((index, body) =>
        {
            OpteCmd cmd = commands[index];
            if (OpteRequests.TryDecode(cmd, body, out IOpteRequest? request, out OpteError? error))
            {
                Assert.Equal(cmd, request.Command);
                byte[] again = Reencode(request);
                Assert.True(OpteRequests.TryDecode(cmd, again, out IOpteRequest? second, out _));
                Assert.Equal(request, second);
            }
            else
            {
                Assert.True(error is OpteError.NoRequestBody or OpteError.DeserCmdReq, error?.ToString());
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Every_single_byte_mutation_of_every_golden_vector_decodes_or_fails_without_throwing()
    {
        byte[] replacements = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF];
        int outcomes = 0;
        foreach (GoldenCase golden in CommandGoldenTests.AllCases())
        {
            if (golden.Value is not IOpteRequest request)
            {
                continue;
            }

            byte[] original = Reencode(request);
            for (int offset = 0; offset < original.Length; offset++)
            {
                foreach (byte replacement in replacements)
                {
                    byte[] mutated = (byte[])original.Clone();
                    mutated[offset] = replacement;
                    bool ok = OpteRequests.TryDecode(request.Command, mutated, out _, out OpteError? error);
                    Assert.True(ok || error is not null);
                    outcomes++;
                }
            }
        }

        Assert.True(outcomes > 1000);
    }

    [Fact]
    public void Errors_decode_from_random_bytes_without_throwing() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            if (!PostcardSerializer.TryDeserialize<OpteError>(bytes, out OpteError? error, out PostcardError failure))
            {
                Assert.True(failure.IsError);
                Assert.InRange(failure.Offset, 0, bytes.Length);
            }
            else
            {
                byte[] again = PostcardSerializer.SerializeToArray(error);
                Assert.True(PostcardSerializer.TryDeserialize<OpteError>(again, out OpteError? second, out _));
                Assert.Equal(error, second);
            }
        }, iter: 20_000);

    // Requests are encoded through their static interface; dispatch on the runtime type (test-only reflection).
    private static byte[] Reencode(IOpteRequest request)
    {
        var method = typeof(PostcardSerializer).GetMethod(nameof(PostcardSerializer.SerializeToArray))!
            .MakeGenericMethod(request.GetType());
        return (byte[])method.Invoke(null, [request])!;
    }
}

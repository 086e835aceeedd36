using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests;

/// <summary>
/// One golden vector per <see cref="OpteError"/> variant. Each starts with the variant's discriminant as a varint
/// (its position in the enum, 0..23, one byte), followed by the payload: strings as length + UTF-8, u64/usize as
/// LEB128, i32 zigzag, Vni three bytes big-endian, MAC six bytes.
/// </summary>
public class OpteErrorTests
{
    public static TheoryData<OpteError, string, int> Vectors => new()
    {
        // 40 = 0x28, 41 = 0x29: single-byte varints.
        { new OpteError.BadApiVersion(40, 41), "00 28 29", Errno.EPROTO },
        // "fw" = 66 77, "x" = 78.
        { new OpteError.BadLayerPos("fw", "x"), "01 02 66 77 01 78", Errno.EINVAL },
        { new OpteError.BadName(), "02", Errno.EINVAL },
        // "Paused" = 50 61 75 73 65 64.
        { new OpteError.BadState("Paused"), "03 06 50 61 75 73 65 64", Errno.EINVAL },
        { new OpteError.CopyinReq(), "04", Errno.EFAULT },
        { new OpteError.CopyoutResp(), "05", Errno.EFAULT },
        { new OpteError.DeserCmdErr("e"), "06 01 65", Errno.ENOMSG },
        { new OpteError.DeserCmdReq("r"), "07 01 72", Errno.ENOMSG },
        { new OpteError.FlowExists("f"), "08 01 66", Errno.EEXIST },
        { new OpteError.InvalidRouterEntry("a", "b"), "09 01 61 01 62", Errno.EINVAL },
        { new OpteError.InvalidUnderlayMulticast("m"), "0A 01 6D", Errno.EINVAL },
        // "nat" = 6E 61 74.
        { new OpteError.LayerNotFound("nat"), "0B 03 6E 61 74", Errno.ENOENT },
        // port "p" (01 70), VNI 0x123456 as three bytes 12 34 56, MAC a8:40:25:ff:77:77.
        {
            new OpteError.MacExists("p", new Vni(0x123456), MacAddr.Parse("a8:40:25:ff:77:77")),
            "0C 01 70 12 34 56 A8 40 25 FF 77 77", Errno.EEXIST
        },
        // 300 = AC 02 (see the varint vectors).
        { new OpteError.MaxCapacity(300), "0D AC 02", Errno.ENFILE },
        { new OpteError.NoRequestBody(), "0E", Errno.EINVAL },
        { new OpteError.PortCreate("x"), "0F 01 78", Errno.EINVAL },
        // "opte0" = 6F 70 74 65 30.
        { new OpteError.PortExists("opte0"), "10 05 6F 70 74 65 30", Errno.EEXIST },
        { new OpteError.PortNotFound("opte0"), "11 05 6F 70 74 65 30", Errno.ENOENT },
        // 20000 = 0x4E20 → groups 0x20, 0x1C, 0x01 → A0 9C 01; 16384 → 80 80 01.
        { new OpteError.RespTooLarge(20000, 16384), "12 A0 9C 01 80 80 01", Errno.ENOBUFS },
        { new OpteError.RuleNotFound(7), "13 07", Errno.ENOENT },
        { new OpteError.SerCmdErr("s"), "14 01 73", Errno.ENOMSG },
        { new OpteError.SerCmdResp("s"), "15 01 73", Errno.ENOMSG },
        // errno -2 zigzags to 3; the variant reports the errno it carries.
        { new OpteError.System(-2, "x"), "16 03 01 78", -2 },
        { new OpteError.System(5, "io"), "16 0A 02 69 6F", 5 },
        { new OpteError.InvalidIpCfg("i"), "17 01 69", Errno.EINVAL },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Variant_matches_its_golden_vector(OpteError error, string hex, int errno)
    {
        Golden.Check(error, hex);
        Assert.Equal(errno, error.Errno);
        Assert.Equal(Hex.Parse(hex)[0], (byte)error.Discriminant);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Every_variant_has_a_vector_and_discriminants_are_dense()
    {
        var seen = new HashSet<uint>();
        foreach (object[] row in Vectors)
        {
            seen.Add(((OpteError)row[0]).Discriminant);
        }

        Assert.Equal(Enumerable.Range(0, (int)OpteError.VariantCount).Select(i => (uint)i), seen.Order());
        int nestedVariants = typeof(OpteError).GetNestedTypes().Count(t => t.IsSubclassOf(typeof(OpteError)));
        Assert.Equal((int)OpteError.VariantCount, nestedVariants);
    }

    [Theory]
    [InlineData("18")]        // 24: one past the last variant
    [InlineData("FF FF FF FF 0F")]
    public void Unknown_discriminant_is_rejected(string hex)
    {
        Assert.False(PostcardSerializer.TryDeserialize<OpteError>(Hex.Parse(hex), out _, out PostcardError error));
        Assert.Equal(PostcardErrorKind.InvalidDiscriminant, error.Kind);
        Assert.Equal("OpteError", error.Context);
    }

    [Fact]
    public void Messages_name_the_subject()
    {
        Assert.Contains("opte0", new OpteError.PortNotFound("opte0").Message, StringComparison.Ordinal);
        Assert.Contains("20000", new OpteError.RespTooLarge(20000, 16384).Message, StringComparison.Ordinal);
        Assert.Contains("a8:40:25:ff:77:77",
            new OpteError.MacExists("p", new Vni(7), MacAddr.Parse("a8:40:25:ff:77:77")).Message,
            StringComparison.Ordinal);
    }
}

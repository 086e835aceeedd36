namespace OpteNic.Api.Tests;

/// <summary>Pins the command codes and envelope flags: they are wire constants and are never renumbered.</summary>
public class OpteCmdTests
{
    [Fact]
    public void Command_codes_are_pinned()
    {
        (OpteCmd Cmd, uint Code)[] expected =
        [
            (OpteCmd.ListPorts, 1), (OpteCmd.AddFwRule, 20), (OpteCmd.RemFwRule, 21), (OpteCmd.SetFwRules, 22),
            (OpteCmd.DumpTcpFlows, 30), (OpteCmd.DumpLayer, 31), (OpteCmd.DumpUft, 32), (OpteCmd.ListLayers, 33),
            (OpteCmd.ClearUft, 40), (OpteCmd.ClearLft, 41), (OpteCmd.SetVirt2Phys, 50), (OpteCmd.DumpVirt2Phys, 51),
            (OpteCmd.SetVirt2Boundary, 52), (OpteCmd.ClearVirt2Boundary, 53), (OpteCmd.DumpVirt2Boundary, 54),
            (OpteCmd.ClearVirt2Phys, 55), (OpteCmd.AddRouterEntry, 60), (OpteCmd.DelRouterEntry, 61),
            (OpteCmd.CreateXde, 70), (OpteCmd.DeleteXde, 71), (OpteCmd.SetXdeUnderlay, 72), (OpteCmd.ClearXdeUnderlay, 73),
            (OpteCmd.SetExternalIps, 80), (OpteCmd.AllowCidr, 90), (OpteCmd.RemoveCidr, 91), (OpteCmd.AttachSubnet, 92),
            (OpteCmd.DetachSubnet, 93), (OpteCmd.SetMcastForwarding, 100), (OpteCmd.ClearMcastForwarding, 101),
            (OpteCmd.DumpMcastForwarding, 102), (OpteCmd.McastSubscribe, 103), (OpteCmd.McastUnsubscribe, 104),
            (OpteCmd.SetMcast2Phys, 105), (OpteCmd.ClearMcast2Phys, 106), (OpteCmd.DumpMcastSubscriptions, 107),
            (OpteCmd.McastUnsubscribeAll, 108), (OpteCmd.DumpMcast2Phys, 109), (OpteCmd.Info, 200), (OpteCmd.Stats, 201), (OpteCmd.PausePort, 202), (OpteCmd.StartPort, 203), (OpteCmd.ExportPortState, 204), (OpteCmd.ImportPortState, 205),
        ];
        foreach ((OpteCmd cmd, uint code) in expected)
        {
            Assert.Equal(code, (uint)cmd);
        }

        Assert.Equal(expected.Length, Enum.GetValues<OpteCmd>().Length);
    }

    [Fact]
    public void Response_written_flag_is_bit_zero()
    {
        Assert.Equal(1UL, (ulong)OpteCmdFlags.ResponseWritten);
        Assert.Equal(OpteCmdIoctl.FlagResponseWritten, (ulong)OpteCmdFlags.ResponseWritten);
    }

    [Fact]
    public void Errnos_are_linux_values()
    {
        Assert.Equal((2, 14, 17, 22, 23, 42, 71, 95, 105),
            (Errno.ENOENT, Errno.EFAULT, Errno.EEXIST, Errno.EINVAL, Errno.ENFILE, Errno.ENOMSG, Errno.EPROTO,
                Errno.EOPNOTSUPP, Errno.ENOBUFS));
    }
}

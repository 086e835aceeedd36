using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Client.Device;

namespace OpteNic.Benchmarks.Mailbox;

/// <summary>
/// A short report without BenchmarkDotNet's long runs (about 20 s): commands per second through the mailbox for a few
/// commands, bytes the host allocates per command, the time to dump a million V2P mappings in pages, and what an
/// unpaged dump of that table answers. Run: <c>opte-bench --mailbox-quick</c>.
/// </summary>
public static class MailboxReport
{
    /// <summary>Runs the report and writes one line per figure.</summary>
    public static int Run(TextWriter output)
    {
        using var rig = new MailboxRig();
        rig.Call<CreateXdeReq, NoResp>(MailboxBenchmarkPorts.CreatePort("opte0"));
        var mappings = Enumerable.Range(0, 4096).Select(i => new SetVirt2PhysReq(
            new Ipv4Addr(0xAC1E_0000u + (uint)i), new PhysNet(new MacAddr(0xA8_40_25_00_10_00UL + (ulong)i), Ipv6Addr.Parse("fd00:2::1"), new Vni(100)))).ToArray();
        var next = 0;
        foreach (var (name, command) in new (string, Action)[]
        {
            ("info (baseline)", () => rig.Execute<InfoReq, InfoResp>(new InfoReq())),
            ("set-v2p", () => rig.Execute<SetVirt2PhysReq, NoResp>(mappings[next++ & 4095])),
            ("list-layers", () => rig.Execute<ListLayersReq, ListLayersResp>(new ListLayersReq("opte0"))),
            ("dump-layer firewall", () => rig.Execute<DumpLayerReq, DumpLayerResp>(new DumpLayerReq("opte0", "firewall"))),
        })
        {
            Measure(command, TimeSpan.FromSeconds(1)); // warm-up: tier-up, both loops hot
            var (commands, elapsed, bytes) = Measure(command, TimeSpan.FromSeconds(2));
            output.WriteLine($"mailbox {name,-20} {commands / elapsed.TotalSeconds,9:0} commands/s  {elapsed.TotalMicroseconds / commands,7:0.0} us/command  {(double)bytes / commands,8:0} B allocated/command (host)");
        }

        var fill = Stopwatch.StartNew();
        rig.FillV2p(V2pDumpBenchmarks.Mappings, vni: 2);
        output.WriteLine($"v2p     filled {V2pDumpBenchmarks.Mappings:N0} mappings straight into the firmware in {fill.Elapsed.TotalSeconds:0.00} s (setup)");
        foreach (var pageSize in new uint[] { 4096, 20000 })
        {
            rig.DumpV2p(pageSize); // warm-up
            var firmwareBefore = rig.FirmwareAllocatedBytes();
            var hostBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var dumped = rig.DumpV2p(pageSize);
            clock.Stop();
            var host = GC.GetAllocatedBytesForCurrentThread() - hostBefore;
            var firmware = rig.FirmwareAllocatedBytes() - firmwareBefore;
            var pages = (dumped + (int)pageSize - 1) / (int)pageSize;
            output.WriteLine($"v2p     dump of {dumped:N0} mappings in {pages} pages of {pageSize}: {clock.Elapsed.TotalMilliseconds:0} ms ({dumped / clock.Elapsed.TotalSeconds / 1e6:0.00} M mappings/s); " +
                $"allocated: firmware {firmware:N0} B ({(double)firmware / pages:0} B/page, pages read from the live table), host {(double)host / dumped:0} B/mapping (decoding)");
        }

        try
        {
            rig.DumpV2p(0);
            output.WriteLine("v2p     unpaged dump of 1M mappings: answered (expected SerCmdResp)");
            return 1;
        }
        catch (OpteDeviceException e) when (e.OpteError is OpteError.SerCmdResp)
        {
            output.WriteLine($"v2p     unpaged dump of 1M mappings: {Errno.Name(e.Errno)} {e.OpteError.Message}");
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Commands, TimeSpan Elapsed, long Bytes) Measure(Action command, TimeSpan duration)
    {
        long commands = 0;
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++)
            {
                command();
            }

            commands += 64;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (commands, clock.Elapsed, bytes);
    }
}

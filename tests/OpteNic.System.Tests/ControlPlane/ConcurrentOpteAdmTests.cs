using System.Globalization;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Two opteadm processes changing the card at the same moment, round after round: one sets V2P mappings, the other
/// adds firewall rules to a port. The mailbox is one slot shared by both processes (serialised by the BAR lock,
/// matched by sequence ids), so every command must succeed, be executed exactly once, and leave exactly its own
/// change behind, whatever the interleaving. A third writer, a thread of this test process using the client library,
/// sets a mapping every millisecond the whole time, so that opteadm commands meet a contended slot.
/// </summary>
public sealed class ConcurrentOpteAdmTests(ConfiguredCardFixture card) : IClassFixture<ConfiguredCardFixture>
{
    private const int Rounds = 10;
    private const uint MappingVni = 555;
    private const uint BackgroundVni = 556;

    [Fact]
    public async Task Two_processes_issuing_commands_at_once_never_corrupt_each_other()
    {
        using var device = OpteDevice.Open(card.StateDirectory);
        var rulesBefore = card.OpteAdm.Json("dump-layer", "-p", ConfiguredCardFixture.Port, "firewall").GetProperty("rules_in").GetArrayLength();
        var sequenceBefore = device.Bar.Read32(Bar0.MailboxSequence);
        using var stop = new CancellationTokenSource();
        var background = Task.Run(() => SetMappingsUntil(card.StateDirectory, stop.Token));

        for (var round = 0; round < Rounds; round++)
        {
            string[] setV2p = ["-d", card.StateDirectory, "set-v2p", $"10.200.0.{round + 1}", Mac(round), $"fd00:c::{round + 1:x}", MappingVni.ToString(CultureInfo.InvariantCulture)];
            string[] addRule = ["-d", card.StateDirectory, "add-fw-rule", "-p", ConfiguredCardFixture.Port, "dir=in", "action=allow",
                $"priority={100 + round}", "protocol=tcp", $"port={1000 + round}"];
            using var first = Tool.Start(setV2p);
            using var second = Tool.Start(addRule);
            foreach (var (process, arguments) in new[] { (first, setV2p), (second, addRule) })
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(limit.Token);
                Assert.True(process.ExitCode == 0 && (await output).Length == 0 && (await error).Length == 0,
                    $"round {round}: opteadm {string.Join(' ', arguments)}: exit {process.ExitCode}\n{await output}\n{await error}\n{card.Simulator.Log}");
            }
        }

        await stop.CancelAsync();
        var backgroundCommands = await background;
        Assert.True(backgroundCommands > Rounds, $"only {backgroundCommands} background commands ran alongside the opteadm processes");

        // Each process posted exactly one command: none was lost, repeated or answered twice.
        Assert.Equal(2u * Rounds + (uint)backgroundCommands, device.Bar.Read32(Bar0.MailboxSequence) - sequenceBefore);
        Assert.Equal(MailboxControl.Idle, (MailboxControl)device.Bar.Read32(Bar0.MailboxControl));

        // Every mapping as its own command set it.
        var mappings = card.OpteAdm.Json("dump-v2p").GetProperty("mappings").EnumerateArray()
            .Single(m => m.GetProperty("vni").GetUInt32() == MappingVni)
            .GetProperty("ip4").EnumerateArray()
            .Select(e => (e.GetProperty("ip").GetString()!, e.GetProperty("mac").GetString()!, e.GetProperty("underlay_ip").GetString()!))
            .ToList();
        Assert.Equal(Enumerable.Range(0, Rounds).Select(r => ($"10.200.0.{r + 1}", Mac(r), $"fd00:c::{r + 1:x}")), mappings);
        var backgroundMappings = card.OpteAdm.Json("dump-v2p").GetProperty("mappings").EnumerateArray()
            .Single(m => m.GetProperty("vni").GetUInt32() == BackgroundVni).GetProperty("ip4").GetArrayLength();
        Assert.Equal(backgroundCommands, backgroundMappings);

        // Every rule as its own command added it: its priority with its port, each under its own id.
        var rules = card.OpteAdm.Json("dump-layer", "-p", ConfiguredCardFixture.Port, "firewall").GetProperty("rules_in").EnumerateArray().ToList();
        Assert.Equal(rulesBefore + Rounds, rules.Count);
        for (var round = 0; round < Rounds; round++)
        {
            var rule = Assert.Single(rules, r => r.GetProperty("priority").GetInt32() == 100 + round);
            var predicates = string.Join(' ', rule.GetProperty("predicates").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains((1000 + round).ToString(CultureInfo.InvariantCulture), predicates);
        }

        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetUInt64()).Distinct().Count());
    }

    /// <summary>Sets V2P mappings 10.201.x.y on <see cref="BackgroundVni"/> through the library until stopped; returns how many.</summary>
    private static int SetMappingsUntil(string stateDirectory, CancellationToken stop)
    {
        using var device = OpteDevice.Open(stateDirectory);
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            var request = new SetVirt2PhysReq(new Ipv4Addr(0x0AC9_0000u + (uint)count), new PhysNet(new MacAddr(0xA8_40_25_30_00_00UL + (ulong)count), Ipv6Addr.Parse("fd00:d::1"), new Vni(BackgroundVni)));
            device.Execute(OpteCmd.SetVirt2Phys, PostcardSerializer.SerializeToArray(request));
            count++;
            Thread.Sleep(1); // a command every millisecond or so: contended, without taking a core from the processes

        }

        return count;
    }

    private static string Mac(int round) => $"a8:40:25:20:00:{round:x2}";
}

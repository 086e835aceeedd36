using System.Net;
using System.Text.Json;
using global::OpteAdm.Opte;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.System.Tests.Infrastructure;
using OpteNic.Vpc.Tables;
using OpteAdmProcess = OpteNic.System.Tests.Infrastructure.OpteAdm;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// <c>opteadm dump-v2p</c> (a separate process, as an operator runs it) against a card whose V2P table really is
/// rebuilt between two pages: the firmware runs in this process, stepped on a helper thread, and right after it has
/// answered chosen dump pages the test churns set/clear on the card's live table (on that same thread, as the
/// management loop's own commands would) until the slot array is republished. The card then answers the next page
/// BadState "restart the dump"; opteadm starts again, at most 3 times (datasheet §5.4, host-tools README).
/// </summary>
public sealed class V2pDumpRestartTests
{
    private const int PageSize = 16;
    private static readonly Vni s_vniA = new(100);
    private static readonly Vni s_vniB = new(200);

    [Fact]
    public void A_rebuild_after_the_first_page_of_two_attempts_restarts_and_the_third_lists_every_mapping_sorted()
    {
        // Dump commands served: attempt 1 = page (churn) + refused page; attempt 2 the same; attempt 3 runs through.
        using var card = new ChurningCard(churnAfterDumpCommands: [1, 3]);
        var expected = card.Populate();

        var result = OpteAdmProcess.Run(["-d", card.Directory, "dump-v2p", "--page-size", PageSize.ToString(global::System.Globalization.CultureInfo.InvariantCulture), "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, card.Rebuilds);
        Assert.Equal(2, card.RefusedDumpPages);
        Assert.True(card.DumpCommands >= 4 + (expected.Count / PageSize), $"{card.DumpCommands} dump commands");

        using var json = JsonDocument.Parse(result.StandardOutput);
        var listed = new List<(uint Vni, IPAddress Ip)>();
        var vnis = new List<uint>();
        foreach (var group in json.RootElement.GetProperty("mappings").EnumerateArray())
        {
            var vni = group.GetProperty("vni").GetUInt32();
            vnis.Add(vni);
            foreach (var family in new[] { "ip4", "ip6" })
            {
                var addresses = group.GetProperty(family).EnumerateArray().Select(e => IPAddress.Parse(e.GetProperty("ip").GetString()!)).ToList();
                Assert.Equal(addresses.OrderBy(a => a.GetAddressBytes(), ByteOrder.Instance), addresses);
                listed.AddRange(addresses.Select(a => (vni, a)));
            }
        }

        Assert.Equal(vnis.Order(), vnis);
        Assert.Equal(vnis.Distinct(), vnis);
        Assert.Equal(expected.Order().ToList(), listed.Select(e => $"{e.Vni} {e.Ip}").Order().ToList());
    }

    [Fact]
    public void Three_rebuilt_attempts_end_opteadm_with_BadState_exit_23_and_the_cards_words()
    {
        using var card = new ChurningCard(churnAfterDumpCommands: [1, 3, 5]);
        card.Populate();

        var result = OpteAdmProcess.Run(["-d", card.Directory, "dump-v2p", "--page-size", PageSize.ToString(global::System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(result.ExitCode == 23, result.ToString());
        Assert.Equal(MappingCommandsAttempts, card.RefusedDumpPages);
        Assert.Equal(2 * MappingCommandsAttempts, card.DumpCommands);
        Assert.Contains("dump-v2p", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("v2p table was rebuilt during the dump", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("restart the dump", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    private const int MappingCommandsAttempts = global::OpteAdm.Opte.Commands.MappingCommands.V2pDumpAttempts;

    /// <summary>Big-endian byte order of addresses (IPv6 numeric order).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }

    /// <summary>
    /// The simulated card's files, its firmware stepped on a helper thread, and the churn hook: after the n-th
    /// DumpVirt2Phys command served (1-based, listed in <c>churnAfterDumpCommands</c>) the V2P table is churned until
    /// it rebuilds, before the firmware looks at the mailbox again.
    /// </summary>
    private sealed class ChurningCard : IDisposable
    {
        private readonly TempDirectory _directory = new("opte-nic-v2p-restart");
        private readonly SimulatedCard _card;
        private readonly CardFirmware _firmware;
        private readonly HashSet<int> _churnAfter;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _stepper;
        private Exception? _stepperFailure;
        private int _dumpCommands;
        private int _refusedDumpPages;
        private int _rebuilds;
        private uint _scratch;

        public ChurningCard(int[] churnAfterDumpCommands)
        {
            _churnAfter = [.. churnAfterDumpCommands];
            _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _directory.Path, HostQueuePairs = 1, HostMemoryBytes = 16L * 1024 * 1024 });
            _firmware = new CardFirmware(_card, new PassThroughPort(), new FirmwareOptions { NicCores = 1, Virt2PhysCapacity = 1024 });
            _card.ResetSilicon();
            _firmware.Boot();
            _stepper = new Thread(Step) { IsBackground = true, Name = "firmware stepper" };
            _stepper.Start();
        }

        public string Directory => _directory.Path;

        public int DumpCommands => Volatile.Read(ref _dumpCommands);

        public int RefusedDumpPages => Volatile.Read(ref _refusedDumpPages);

        public int Rebuilds => Volatile.Read(ref _rebuilds);

        /// <summary>Sets 200 mappings through the host client and the mailbox; returns them as "VNI address" text.</summary>
        public List<string> Populate()
        {
            var expected = new List<string>();
            using var device = OpteDevice.Open(_directory.Path);
            var call = new OpteCall(device, new CommandOptions());
            for (uint i = 0; i < 200; i++)
            {
                Vni vni = i < 160 ? s_vniA : s_vniB;
                IpAddr ip = i % 4 == 3 && vni == s_vniA
                    ? new IpAddr(new Ipv6Addr(new UInt128(0xfd00_1122_3344_0101, 0x1000 + (ulong)(i * 7919 % 997))))
                    : new IpAddr(new Ipv4Addr(0xAC1E_0000u + (i * 7919 % 4093)));
                var phys = new PhysNet(new MacAddr(0xA840_25F0_0000ul + i), new Ipv6Addr(new UInt128(0xfd00_0000_0000_0000, i + 1)), vni);
                call.Run<SetVirt2PhysReq, NoResp>(new SetVirt2PhysReq(ip, phys));
                expected.Add($"{vni.Value} {ip}");
            }

            Assert.Equal(200, expected.Distinct().Count());
            ThrowIfStepperFailed();
            return expected;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stepper.Join();
            _card.Dispose();
            _directory.Dispose();
            _stop.Dispose();
            ThrowIfStepperFailed();
        }

        private void ThrowIfStepperFailed()
        {
            if (_stepperFailure is { } failure)
            {
                throw new InvalidOperationException("the firmware stepper failed", failure);
            }
        }

        private void Step()
        {
            try
            {
                var served = _firmware.Management.Mailbox.CommandsServed;
                Span<byte> envelope = stackalloc byte[OpteCmdIoctl.Size];
                while (!_stop.IsCancellationRequested)
                {
                    _firmware.RunOnce();
                    var now = _firmware.Management.Mailbox.CommandsServed;
                    if (now == served)
                    {
                        continue;
                    }

                    served = now;
                    _card.Bar0.ReadBytes(Bar0.MailboxEnvelope, envelope);
                    if (OpteCmdIoctl.ReadFrom(envelope).Cmd != OpteCmd.DumpVirt2Phys)
                    {
                        continue;
                    }

                    var number = Interlocked.Increment(ref _dumpCommands);
                    if (_card.Bar0.Read32(Bar0.MailboxStatus) != 0)
                    {
                        Interlocked.Increment(ref _refusedDumpPages);
                    }

                    if (_churnAfter.Contains(number))
                    {
                        ChurnUntilRebuilt(_firmware.Registry.Network.Virt2Phys);
                    }
                }
            }
            catch (Exception e)
            {
                _stepperFailure = e;
            }
        }

        /// <summary>Sets and clears scratch keys (never the populated ones) until tombstones force a rebuild.</summary>
        private void ChurnUntilRebuilt(Virt2PhysTable table)
        {
            var rebuilds = table.Rebuilds;
            var scratch = new GuestPhysAddr(new MacAddr(0xA840_25F0_FFFFul), new Ipv6Addr(new UInt128(0xfd00_ffff_0000_0000, 1)));
            for (var tries = 0; table.Rebuilds == rebuilds; tries++)
            {
                if (tries > 100_000)
                {
                    throw new InvalidOperationException("the V2P table never rebuilt under churn");
                }

                var key = PacketIp.FromIpv4(0x0B00_0000u + _scratch++);
                if (!table.TrySet(new Vni(999), key, scratch) || !table.Remove(new Vni(999), key))
                {
                    throw new InvalidOperationException("scratch churn refused by the V2P table");
                }
            }

            Interlocked.Increment(ref _rebuilds);
        }
    }
}

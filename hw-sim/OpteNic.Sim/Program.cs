using System.CommandLine;
using System.Runtime.InteropServices;
using OpteNic.Api.Abi;
using OpteNic.HwSim;
using OpteNic.Sim;

var state = new Option<string>("--state") { Description = "state directory: bar0, hostmem and flash are created here", Required = true };
var wireIn = new Option<string?>("--wire-in") { Description = "pcap file whose frames arrive on wire port 0" };
var wireOut = new Option<string?>("--wire-out") { Description = "pcap file receiving every frame wire port 0 sends (default: STATE/wire0-out.pcap)" };
var cores = new Option<int>("--cores") { Description = "NIC cores (poll loops)", DefaultValueFactory = _ => 1 };
var queues = new Option<int>("--queues") { Description = "host queue pairs (1..64)", DefaultValueFactory = _ => 4 };
var hostMemory = new Option<int>("--hostmem-mib") { Description = "host DMA memory in MiB", DefaultValueFactory = _ => 64 };

var run = new Command("run", "power on the simulated card and run its firmware until SIGINT or SIGTERM")
{
    state, wireIn, wireOut, cores, queues, hostMemory,
};
run.SetAction(parse =>
{
    var dir = Path.GetFullPath(parse.GetValue(state)!);
    var options = new SimulatorOptions
    {
        StateDirectory = dir,
        WireIn = parse.GetValue(wireIn),
        WireOut = parse.GetValue(wireOut) ?? Path.Combine(dir, "wire0-out.pcap"),
        Cores = parse.GetValue(cores),
        Queues = parse.GetValue(queues),
        HostMemoryMiB = parse.GetValue(hostMemory),
    };
    return Simulator.Run(options);
});

var root = new RootCommand("opte-nic-sim: the opte-nic SmartNIC simulator (datasheet: docs/datasheet.md)") { run };
return root.Parse(args).Invoke();

/// <summary>The <c>run</c> command: start, log one line per fact, wait for a signal, stop cleanly.</summary>
internal static class Simulator
{
    public static int Run(SimulatorOptions options)
    {
        var log = Console.Out;
        if (options.Cores < 1 || options.Queues is < 1 or > Bar0.MaxHostQueuePairs || options.HostMemoryMiB < 1)
        {
            Console.Error.WriteLine($"opte-nic-sim: --cores must be ≥ 1, --queues 1..{Bar0.MaxHostQueuePairs}, --hostmem-mib ≥ 1");
            return 2;
        }

        using var board = SimulatorBoard.TryCreate(options, log, out var error);
        if (board is null)
        {
            Console.Error.WriteLine($"opte-nic-sim: {error}");
            return 1;
        }

        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Set(); });

        var dir = options.StateDirectory;
        var card = board.Card;
        log.WriteLine($"opte-nic-sim: state directory {dir}");
        log.WriteLine($"opte-nic-sim: BAR0 {Path.Combine(dir, SimulatedCard.Bar0FileName)} ({Bar0.Size} bytes)");
        log.WriteLine($"opte-nic-sim: host memory {Path.Combine(dir, SimulatedCard.HostMemoryFileName)} ({options.HostMemoryMiB} MiB; DMA address = file offset)");
        log.WriteLine($"opte-nic-sim: flash {Path.Combine(dir, SimulatedCard.FlashFileName)} ({card.SimFlash.Size / 1024} KiB, kept across runs)");
        log.WriteLine($"opte-nic-sim: {options.Queues} host queue pairs, {card.WirePortCount} wire port with {card.WirePort(0).QueueCount} queues, {board.Firmware.Cores.Count} NIC core(s)");
        log.WriteLine(options.WireIn is null
            ? "opte-nic-sim: wire port 0 input: none"
            : $"opte-nic-sim: wire port 0 input: {Path.GetFullPath(options.WireIn)} ({board.Wire.InputFrames} frames)");
        log.WriteLine($"opte-nic-sim: wire port 0 output: {Path.GetFullPath(options.WireOut)}");
        log.WriteLine($"opte-nic-sim: {SimulatorBoard.IdentityLine}");

        board.Start();
        log.WriteLine($"opte-nic-sim: READY (boot {card.SimReset.BootCount}, reset cause {card.SimReset.LastResetCause}); stop with Ctrl-C or SIGTERM");
        log.Flush();

        while (!stop.Wait(50))
        {
            var line = board.Supervise();
            if (line is not null)
            {
                log.WriteLine($"opte-nic-sim: {line}");
                log.Flush();
            }
        }

        board.Stop();
        log.WriteLine($"opte-nic-sim: stopped: {board.Wire.FramesIn} frames in from the wire input, {board.Wire.FramesOut} frames out to {Path.GetFullPath(options.WireOut)}; state directory kept (card OFFLINE)");
        log.Flush();
        return 0;
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace OpteNic.Benchmarks.Rings;

/// <summary>
/// A short report without BenchmarkDotNet's long runs: packets per second each way and bytes allocated per packet
/// in steady state, measured after a warm-up (so tiered compilation has settled) in separate non-inlined methods.
/// </summary>
public static class RingThroughputReport
{
    /// <summary>
    /// Runs the report. Allocation is shown per packet and in total bytes for the whole measured window (host, firmware
    /// and wire model on this thread); the host side alone is asserted to allocate nothing by
    /// <c>OpteNic.System.Tests.Rings.HostRingTests</c>.
    /// </summary>
    public static int Run(TextWriter output)
    {
        foreach (var frameBytes in new[] { 60, 1514 })
        {
            using var rig = new RingRig(frameBytes);
            foreach (var (name, step) in new (string, Func<RingRig, int>)[]
            {
                ("copy-only (baseline)", r => r.CopyOnly(RingBenchmarks.Burst)),
                ("host->wire", r => r.HostToWire(RingBenchmarks.Burst)),
                ("wire->host", r => r.WireToHost(RingBenchmarks.Burst)),
            })
            {
                Measure(rig, step, TimeSpan.FromSeconds(1)); // warm-up: tier-up and steady ring state
                var (packets, elapsed, bytes) = Measure(rig, step, TimeSpan.FromSeconds(2));
                var perPacket = (double)bytes / packets;
                output.WriteLine($"{frameBytes,5} B  {name,-22} {packets / elapsed.TotalSeconds / 1e6,7:0.000} Mpps  {elapsed.TotalNanoseconds / packets,8:0.0} ns/pkt  {perPacket:0.0000} B allocated/pkt  ({bytes} B over {packets} packets)");
            }

            output.WriteLine($"        host counters: {rig.Counters.TxCompletedOk} TX ok, {rig.Counters.TxDropped} TX dropped, {rig.Counters.RxReceived} RX, {rig.WireReceived} seen on the wire");
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Packets, TimeSpan Elapsed, long Bytes) Measure(RingRig rig, Func<RingRig, int> step, TimeSpan duration)
    {
        long packets = 0;
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 256; i++)
            {
                packets += step(rig);
            }
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (packets, clock.Elapsed, bytes);
    }
}

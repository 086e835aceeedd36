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

        // A VPC port (five layers, UFT fast path) with many UDP flows: the engine called once per port group of a burst
        // (Port.ProcessBurst, UFT slots prefetched) against once per frame (Port.Process), same build, same frames. The
        // two rigs are measured alternately, five 1 s windows each, and the median is reported, so a change in machine
        // load during the run does not favour either.
        foreach (var flows in new[] { 4096, 65536 })
        {
            using var perFrame = new RingRig(60, vpcFlows: flows, engineBurstCalls: false);
            using var grouped = new RingRig(60, vpcFlows: flows, engineBurstCalls: true);
            foreach (var (name, step) in new (string, Func<RingRig, int>)[]
            {
                ("host->wire", r => r.HostToWire(RingBenchmarks.Burst)),
                ("wire->host", r => r.WireToHost(RingBenchmarks.Burst)),
            })
            {
                Measure(perFrame, step, TimeSpan.FromSeconds(1));
                Measure(grouped, step, TimeSpan.FromSeconds(1));
                var perFrameNs = new List<double>();
                var groupedNs = new List<double>();
                long allocated = 0;
                for (var round = 0; round < 5; round++)
                {
                    var (p1, e1, b1) = Measure(perFrame, step, TimeSpan.FromSeconds(1));
                    var (p2, e2, b2) = Measure(grouped, step, TimeSpan.FromSeconds(1));
                    perFrameNs.Add(e1.TotalNanoseconds / p1);
                    groupedNs.Add(e2.TotalNanoseconds / p2);
                    allocated += b1 + b2;
                }

                var a = Median(perFrameNs);
                var b = Median(groupedNs);
                output.WriteLine($"   60 B  vpc {flows,6} flows {name,-11} Process/frame {1e3 / a,6:0.000} Mpps {a,7:0.0} ns/pkt   ProcessBurst {1e3 / b,6:0.000} Mpps {b,7:0.0} ns/pkt   ({(a - b) / a * 100,5:0.0}% less time; {allocated} B allocated)");
            }

            output.WriteLine($"        host counters (ProcessBurst rig): {grouped.Counters.TxCompletedOk} TX ok, {grouped.Counters.TxDropped} TX dropped, {grouped.Counters.RxReceived} RX, {grouped.WireReceived} seen on the wire");
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
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

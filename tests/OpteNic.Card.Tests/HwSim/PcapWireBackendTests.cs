using OpteNic.Api.Capture;
using OpteNic.HwSim.Wire;

namespace OpteNic.Card.Tests.HwSim;

public sealed class PcapWireBackendTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"opte-wire-{Guid.NewGuid():N}");

    public PcapWireBackendTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_truncated_input_is_refused_and_no_output_file_is_created()
    {
        var input = Path.Combine(_dir, "in.pcap");
        var output = Path.Combine(_dir, "out.pcap");
        using (var writer = PcapWriter.Create(input))
        {
            writer.Write(TestFrames.Udp(1, 2), 0);
        }

        File.WriteAllBytes(input, File.ReadAllBytes(input)[..^3]);
        var port = new SimWirePort(1, 8, 9216, 128);

        Assert.False(PcapWireBackend.TryCreate(port, input, output, out _, out var message));
        Assert.Contains("wire input refused", message);
        Assert.Contains("ends inside the frame", message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Input_frames_reach_the_MAC_paced_and_transmitted_frames_land_in_a_readable_output()
    {
        var input = Path.Combine(_dir, "in.pcap");
        var output = Path.Combine(_dir, "out.pcap");
        var frames = Enumerable.Range(0, 20).Select(i => TestFrames.Udp((ushort)i, 9, 20, (byte)i)).ToArray();
        using (var writer = PcapWriter.Create(input))
        {
            foreach (var frame in frames)
            {
                writer.Write(frame, 0);
            }
        }

        // A FIFO of 4: the feeder must wait rather than drop.
        var port = new SimWirePort(1, 4, 9216, 128);
        Assert.True(PcapWireBackend.TryCreate(port, input, output, out var backend, out var message), message);
        using (backend)
        {
            backend.Start();
            var received = new List<byte[]>();
            var burst = new ByteBurst(4);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (received.Count < frames.Length && DateTime.UtcNow < deadline)
            {
                var n = port.ReceiveBurst(0, burst, 4);
                for (var i = 0; i < n; i++)
                {
                    received.Add(burst.Frame(i));
                }

                // Send each back out so the output file gets it. The TX FIFO holds 4 frames and drains on the
                // backend's thread, so a full FIFO is back-pressure: retry what did not fit, as a driver would.
                var sent = 0;
                while (sent < n && DateTime.UtcNow < deadline)
                {
                    sent += port.TransmitBurst(0, burst, sent, n - sent);
                    if (sent < n)
                    {
                        Thread.Sleep(1);
                    }
                }

                Assert.Equal(n, sent);

                Thread.Sleep(1);
            }

            Assert.Equal(frames, received);
            Assert.Equal(0, port.RxFifoDrops);
            backend.Stop();
            Assert.Equal(frames.Length, backend.FramesOut);
        }

        using var stream = File.OpenRead(output);
        Assert.True(PcapReader.TryOpen(stream, out var reader, out _, out _));
        using (reader)
        {
            var back = new List<byte[]>();
            while (reader.TryReadNext(out var record))
            {
                back.Add(record.Data.ToArray());
            }

            Assert.Equal(PcapError.None, reader.Error);
            Assert.Equal(frames, back);
        }
    }

    /// <summary>A plain byte-array burst for driving the MAC directly.</summary>
    private sealed class ByteBurst(int capacity) : Hal.IFrameBurst
    {
        private readonly byte[][] _slots = Enumerable.Range(0, capacity).Select(_ => new byte[9216]).ToArray();
        private readonly int[] _lengths = new int[capacity];

        public int Capacity => capacity;

        public byte[] Frame(int index) => _slots[index][.._lengths[index]];

        public Span<byte> GetReceiveSpace(int index) => _slots[index];

        public void SetReceived(int index, int length, uint rssHash) => _lengths[index] = length;

        public ReadOnlySpan<byte> GetFrame(int index) => _slots[index].AsSpan(0, _lengths[index]);
    }
}

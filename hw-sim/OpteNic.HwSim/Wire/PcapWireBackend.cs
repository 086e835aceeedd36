using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Capture;

namespace OpteNic.HwSim.Wire;

/// <summary>
/// Attaches a wire port's far end to pcap files: frames of the input file arrive on the wire (paced — the feeder
/// waits while a receive FIFO is full instead of dropping file input), and every frame the card transmits is appended
/// to the output file, flushed after each batch so tshark can open it while the simulator runs. The input is
/// validated whole before the output is created, so a bad input leaves nothing half-written.
/// </summary>
public sealed class PcapWireBackend : IDisposable
{
    private readonly SimWirePort _port;
    private readonly string? _inputPath;
    private readonly PcapWriter? _writer;
    private readonly byte[] _scratch;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _framesIn;
    private long _framesOut;
    private long _inputRejected;
    private volatile bool _inputFinished;
    private bool _disposed;

    private PcapWireBackend(SimWirePort port, string? inputPath, long inputFrames, PcapWriter? writer)
    {
        _port = port;
        _inputPath = inputPath;
        InputFrames = inputFrames;
        _writer = writer;
        _inputFinished = inputPath is null;
        _scratch = new byte[port.MaxFrameBytes];
        _thread = new Thread(Run) { IsBackground = true, Name = "wire-pcap" };
    }

    /// <summary>Frames in the input file (0 without one).</summary>
    public long InputFrames { get; }

    /// <summary>Input frames delivered to the card's MAC so far.</summary>
    public long FramesIn => Interlocked.Read(ref _framesIn);

    /// <summary>Input frames the MAC refused for their length.</summary>
    public long InputRejected => Interlocked.Read(ref _inputRejected);

    /// <summary>Frames written to the output file so far.</summary>
    public long FramesOut => Interlocked.Read(ref _framesOut);

    /// <summary>True once every input frame was delivered.</summary>
    public bool InputFinished => _inputFinished;

    /// <summary>
    /// Checks the input file (whole), then creates the output file. On failure nothing was created and
    /// <paramref name="message"/> says why in one sentence.
    /// </summary>
    public static bool TryCreate(SimWirePort port, string? inputPath, string? outputPath, [NotNullWhen(true)] out PcapWireBackend? backend, out string message)
    {
        ArgumentNullException.ThrowIfNull(port);
        backend = null;
        long frames = 0;
        if (inputPath is not null && !PcapReader.TryValidateFile(inputPath, out frames, out message))
        {
            message = $"wire input refused: {message}";
            return false;
        }

        PcapWriter? writer = null;
        if (outputPath is not null)
        {
            try
            {
                writer = PcapWriter.Create(outputPath);
                writer.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                message = $"wire output refused: {outputPath}: {e.Message}";
                return false;
            }
        }

        backend = new PcapWireBackend(port, inputPath, frames, writer);
        message = string.Empty;
        return true;
    }

    /// <summary>Starts the feeder/drainer thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops the thread, writes every frame still queued for the wire and flushes the output.</summary>
    public void Stop()
    {
        if (_disposed)
        {
            return;
        }

        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        Drain();
        _writer?.Flush();
    }

    public void Dispose()
    {
        Stop();
        if (!_disposed)
        {
            _disposed = true;
            _writer?.Dispose();
        }
    }

    private void Run()
    {
        PcapReader? reader = null;
        FileStream? input = null;
        if (_inputPath is not null)
        {
            input = new FileStream(_inputPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!PcapReader.TryOpen(input, out reader, out _, out _))
            {
                // Validated at creation; the file changed since. Stop feeding rather than half-feed garbage.
                input.Dispose();
                input = null;
                _inputFinished = true;
            }
        }

        try
        {
            var pending = false;
            PcapRecord record = default;
            while (!_stopping)
            {
                var didWork = false;
                while (reader is not null && !_inputFinished)
                {
                    if (!pending)
                    {
                        if (!reader.TryReadNext(out record))
                        {
                            _inputFinished = true;
                            break;
                        }

                        pending = true;
                    }

                    var result = _port.TryDeliverFromWire(record.Data.Span);
                    if (result == WireDelivery.FifoFull)
                    {
                        break;
                    }

                    pending = false;
                    didWork = true;
                    if (result == WireDelivery.Queued)
                    {
                        Interlocked.Increment(ref _framesIn);
                    }
                    else
                    {
                        Interlocked.Increment(ref _inputRejected);
                    }
                }

                if (Drain() > 0)
                {
                    _writer?.Flush();
                    didWork = true;
                }

                if (!didWork)
                {
                    Thread.Sleep(1);
                }
            }
        }
        finally
        {
            reader?.Dispose();
            input?.Dispose();
        }
    }

    private int Drain()
    {
        var count = 0;
        while (_port.TryCollectToWire(_scratch, out var length))
        {
            if (_writer is not null)
            {
                var nanoseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
                _writer.Write(_scratch.AsSpan(0, length), nanoseconds);
            }

            count++;
        }

        if (count > 0)
        {
            Interlocked.Add(ref _framesOut, count);
        }

        return count;
    }
}

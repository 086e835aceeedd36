using System.IO.MemoryMappedFiles;
using OpteNic.Api;
using OpteNic.Api.Abi;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>
/// A real BAR file and host-memory file laid out as the simulator lays them out, but with no firmware behind them:
/// registers hold whatever the test writes. Used to present opteadm with cards that are not cards, not READY, of another
/// ABI, or that never answer — faults a live firmware will not produce on demand.
/// </summary>
public sealed class FakeCard : IDisposable
{
    private readonly TempDirectory _directory = new("opte-nic-fake");
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _bar;

    public FakeCard(FirmwareState state = FirmwareState.Ready, ushort abiMajor = Bar0.AbiMajor, uint timeoutMs = 200, uint signature = Bar0.SignatureValue)
    {
        using (var hostMemory = new FileStream(_directory.File("hostmem"), FileMode.CreateNew))
        {
            hostMemory.SetLength(HostMemoryBytes);
        }

        _map = MemoryMappedFile.CreateFromFile(BarPath, FileMode.CreateNew, null, Bar0.Size, MemoryMappedFileAccess.ReadWrite);
        _bar = _map.CreateViewAccessor(0, Bar0.Size);
        Write32(Bar0.Signature, signature);
        Write32(Bar0.AbiVersion, ((uint)abiMajor << 16) | Bar0.AbiMinor);
        Write32(Bar0.FirmwareVersion, 0x00_03_02_01);
        Write32(Bar0.CapHostQueuePairs, 4);
        Write32(Bar0.CapMaxRequest, 64 * 1024);
        Write32(Bar0.CapMaxResponse, 1024 * 1024);
        Write32(Bar0.CapDefaultTimeoutMs, timeoutMs);
        Write32(Bar0.CapMaxRingEntries, 4096);
        Write32(Bar0.HeartbeatPeriodMs, 100);
        _bar.Write(Bar0.OpteApiVersion, ApiVersion.Current);
        _bar.Write(Bar0.HostMemorySize, (ulong)HostMemoryBytes);
        Write32(Bar0.FirmwareState, (uint)state);
    }

    /// <summary>Host memory size of the fake card.</summary>
    public const long HostMemoryBytes = 8 * 1024 * 1024;

    /// <summary>The state directory (what <c>-d</c> takes).</summary>
    public string Directory => _directory.Path;

    /// <summary>The BAR file.</summary>
    public string BarPath => _directory.File("bar0");

    public uint Read32(int offset) => _bar.ReadUInt32(offset);

    public void Write32(int offset, uint value) => _bar.Write(offset, value);

    /// <summary>The mailbox slot state.</summary>
    public MailboxControl Slot => (MailboxControl)Read32(Bar0.MailboxControl);

    /// <summary>
    /// Plays a firmware that finally finishes the posted command: status, completion sequence, then Done (what a
    /// late firmware does after the host has given up).
    /// </summary>
    public void CompleteLate(uint status = 0)
    {
        Write32(Bar0.MailboxStatus, status);
        Write32(Bar0.MailboxCompletionSequence, Read32(Bar0.MailboxSequence));
        Write32(Bar0.MailboxControl, (uint)MailboxControl.Done);
    }

    public void Dispose()
    {
        _bar.Dispose();
        _map.Dispose();
        _directory.Dispose();
    }
}

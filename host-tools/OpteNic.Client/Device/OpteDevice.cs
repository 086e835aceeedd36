using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Client.Mailbox;
using OpteNic.Client.Memory;
using OpteNic.Client.Native;
using OpteNic.Client.Queues;

namespace OpteNic.Client.Device;

/// <summary>
/// An opened opte-nic: BAR0 mapped from a file (simulator or sysfs), host DMA memory, the mailbox and the host queues.
/// The front class of the client library: it checks what it is talking to and refuses misuse with precise errors.
/// </summary>
public sealed class OpteDevice : IDisposable
{
    private readonly MappedFile _barFile;
    private MailboxClient? _mailbox;

    private OpteDevice(DeviceLocation location, MappedFile barFile, IHostMemory? hostMemory)
    {
        Location = location;
        _barFile = barFile;
        Bar = new BarRegisters(barFile);
        HostMemory = hostMemory;
    }

    /// <summary>Where BAR0 and host memory came from.</summary>
    public DeviceLocation Location { get; }

    /// <summary>BAR0 registers.</summary>
    public BarRegisters Bar { get; }

    /// <summary>Host DMA memory, or null when none is available (a real BAR without a VFIO provider).</summary>
    public IHostMemory? HostMemory { get; }

    /// <summary>The mailbox (needs host memory for request and response buffers).</summary>
    public MailboxClient Mailbox => _mailbox ??= new MailboxClient(Bar, RequireHostMemory(), Layout.Mailbox);

    /// <summary>
    /// How host memory is shared between the mailbox and the queue pairs. Computed from the capability registers each
    /// time (they are only valid once the firmware is READY, and a reset may change them).
    /// </summary>
    public HostMemoryLayout Layout
    {
        get
        {
            var identity = ReadIdentity();
            // The card reaches at most HostMemorySize bytes (datasheet §3.1); the mapping may be larger.
            var size = RequireHostMemory().Size;
            if (identity.HostMemorySize != 0)
            {
                size = Math.Min(size, identity.HostMemorySize);
            }

            return new HostMemoryLayout(size, identity.HostQueuePairs, identity.MaxRequest, identity.MaxResponse);
        }
    }

    /// <summary>
    /// Opens the device at <paramref name="path"/> and checks it is an opte-nic whose mailbox ABI this tool speaks.
    /// The firmware may be in any state (use <see cref="EnsureReady"/> or just run a command, which checks).
    /// </summary>
    public static OpteDevice Open(string path, IHostMemory? hostMemory = null)
    {
        var device = OpenUnchecked(path, hostMemory);
        try
        {
            device.CheckCompatible();
            return device;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens and maps the device files without checking signature or ABI (so a tool can still display identity
    /// registers of a card it cannot talk to). Fails only when the files are missing, unreadable or too small.
    /// </summary>
    public static OpteDevice OpenUnchecked(string path, IHostMemory? hostMemory = null)
    {
        var location = DeviceLocation.Resolve(path);
        var bar = MapOrExplain(location.BarPath, Bar0.Size, "BAR0");
        try
        {
            hostMemory ??= location.HostMemoryPath is null ? null : OpenHostMemory(location.HostMemoryPath);
            return new OpteDevice(location, bar, hostMemory);
        }
        catch
        {
            bar.Dispose();
            throw;
        }
    }

    /// <summary>Reads the identity registers (always possible).</summary>
    public DeviceIdentity ReadIdentity() => DeviceIdentity.Read(Bar);

    /// <summary>Throws NotACard for a bad signature and AbiMismatch for a mailbox ABI major other than ours.</summary>
    public void CheckCompatible()
    {
        var identity = ReadIdentity();
        if (!identity.HasSignature)
        {
            throw new OpteDeviceException(DeviceErrorKind.NotACard, $"{Location.BarPath} is not an opte-nic: signature register reads 0x{identity.Signature:x8}, expected 0x{Bar0.SignatureValue:x8} (\"OPTN\")");
        }

        if (identity.AbiMajor != Bar0.AbiMajor)
        {
            throw new OpteDeviceException(DeviceErrorKind.AbiMismatch, $"mailbox ABI mismatch: the card speaks {identity.AbiVersion}, this tool speaks {Bar0.AbiMajor}.{Bar0.AbiMinor} (majors must match)", Errno.EPROTO);
        }
    }

    /// <summary>Throws NotReady naming the state unless the firmware is READY.</summary>
    public void EnsureReady()
    {
        var state = Bar.State;
        if (state != FirmwareState.Ready)
        {
            var fatal = state == FirmwareState.Fatal ? $" (fatal syndrome {Bar.Read32(Bar0.FatalSyndrome)})" : string.Empty;
            throw new OpteDeviceException(DeviceErrorKind.NotReady, $"firmware is {MailboxClient.Describe(state)}{fatal}, not READY", Errno.EBUSY) { State = state };
        }
    }

    /// <summary>Runs one command through the mailbox (see <see cref="MailboxClient.Execute"/>).</summary>
    public CommandResponse Execute(OpteCmd command, ReadOnlySpan<byte> request, CommandOptions? options = null) =>
        Mailbox.Execute(command, request, options);

    /// <summary>Function-level reset: releases a stuck mailbox slot and reboots the firmware (see <see cref="MailboxClient.FunctionLevelReset"/>).</summary>
    public void FunctionLevelReset(TimeSpan? timeout = null) =>
        Mailbox.FunctionLevelReset(timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>
    /// Takes ownership of host queue pair <paramref name="queuePair"/> (an exclusive lock across processes), lays out
    /// its rings and buffers in that queue pair's slice of host memory, and enables it.
    /// </summary>
    public HostQueuePair OpenQueuePair(int queuePair, QueuePairOptions? options = null)
    {
        EnsureReady();
        var memory = RequireHostMemory();
        var identity = ReadIdentity();
        if ((uint)queuePair >= (uint)identity.HostQueuePairs)
        {
            throw new ArgumentOutOfRangeException(nameof(queuePair), $"queue pair {queuePair} does not exist; the card has {identity.HostQueuePairs}");
        }

        return HostQueuePair.Open(Bar, memory, Layout.QueuePair(queuePair), queuePair, options ?? new QueuePairOptions(), identity.MaxRingEntries);
    }

    /// <summary>
    /// Points every RSS bucket at one of <paramref name="queuePairs"/> (round robin) and applies it (datasheet §7), so
    /// wire traffic only reaches queues the host has enabled. Waits for the firmware to acknowledge.
    /// </summary>
    public void ProgramRssTable(ReadOnlySpan<int> queuePairs, TimeSpan? timeout = null)
    {
        EnsureReady();
        if (queuePairs.IsEmpty)
        {
            throw new ArgumentException("at least one queue pair is needed", nameof(queuePairs));
        }

        var entries = (int)Math.Min(ReadIdentity().RssTableEntries, (uint)Bar0.MaxRssTableEntries);
        var table = Bar.Window(Bar0.RssIndirectionTable, Bar0.MaxRssTableEntries);
        for (var bucket = 0; bucket < entries; bucket++)
        {
            table[bucket] = (byte)queuePairs[bucket % queuePairs.Length];
        }

        // Release store after the table bytes: the firmware reads the table once it sees Apply.
        Bar.Write32(Bar0.RssControl, (uint)RssControl.Apply);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        while (Bar.Read32(Bar0.RssControl) != (uint)RssControl.Idle)
        {
            if (clock.Elapsed > limit)
            {
                throw new OpteDeviceException(DeviceErrorKind.Timeout, $"the card did not apply the RSS table within {limit.TotalMilliseconds:0} ms", Errno.ETIMEDOUT);
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Unmaps everything (and drops any lock still held through these files).</summary>
    public void Dispose()
    {
        HostMemory?.Dispose();
        _barFile.Dispose();
    }

    private IHostMemory RequireHostMemory() =>
        HostMemory ?? throw new OpteDeviceException(DeviceErrorKind.NoHostMemory, $"{Location.BarPath} has no host DMA memory: a simulator state directory provides hostmem; a real card needs a VFIO DMA mapping, which this tool does not set up yet");

    private static FileHostMemory OpenHostMemory(string path)
    {
        try
        {
            return FileHostMemory.Open(path);
        }
        catch (InvalidDataException e)
        {
            throw new OpteDeviceException(DeviceErrorKind.NotACard, $"{path} is too small to be host memory: {e.Message}", inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OpteDeviceException(DeviceErrorKind.PermissionDenied, $"permission denied opening host memory {path}", inner: e);
        }
    }

    private static MappedFile MapOrExplain(string path, long minimumLength, string what)
    {
        try
        {
            return MappedFile.Open(path, minimumLength);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OpteDeviceException(DeviceErrorKind.DeviceNotFound, $"no such device: {path} does not exist", Errno.ENOENT, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OpteDeviceException(DeviceErrorKind.PermissionDenied, $"permission denied mapping {what} {path} (sysfs PCI resources need root)", inner: e);
        }
        catch (InvalidDataException e)
        {
            throw new OpteDeviceException(DeviceErrorKind.NotACard, $"{path} is not an opte-nic {what}: {e.Message}", inner: e);
        }
        catch (IOException e)
        {
            throw new OpteDeviceException(DeviceErrorKind.NotACard, $"{path} cannot be mapped as {what}: {e.Message}", inner: e);
        }
    }
}

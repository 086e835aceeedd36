namespace OpteNic.Api.Abi;

/// <summary>
/// BAR0 register map (datasheet §3). All registers are little-endian, naturally aligned; 32-bit registers are
/// accessed with single aligned 32-bit loads/stores, 64-bit registers as one aligned 64-bit access.
/// </summary>
public static class Bar0
{
    /// <summary>Size of BAR0 in bytes.</summary>
    public const int Size = 64 * 1024;

    /// <summary>Value of <see cref="Signature"/>: the bytes "OPTN" read as a little-endian u32.</summary>
    public const uint SignatureValue = 0x4E54504F;

    /// <summary>Mailbox ABI major: a host refuses a card whose major differs from its own.</summary>
    public const ushort AbiMajor = 1;
    /// <summary>Mailbox ABI minor: additions only; a host accepts any minor.</summary>
    public const ushort AbiMinor = 0;

    // §3.1 Identity and capabilities (read-only to the host; always readable, whatever the firmware state).
    public const int Signature = 0x000;            // u32 SignatureValue
    public const int AbiVersion = 0x004;           // u32 major << 16 | minor
    public const int FirmwareVersion = 0x008;      // u32 major << 24 | minor << 16 | patch << 8 | build
    public const int FirmwareState = 0x00C;        // u32 FirmwareState
    public const int Heartbeat = 0x010;            // u32 incremented by the firmware at least every HeartbeatPeriodMs
    public const int CapHostQueuePairs = 0x014;    // u32 host-facing queue pairs
    public const int CapMaxRequest = 0x018;        // u32 largest request body (bytes)
    public const int CapMaxResponse = 0x01C;       // u32 largest response body (bytes)
    public const int CapDefaultTimeoutMs = 0x020;  // u32 command timeout the host should use
    public const int CapFlags = 0x024;             // u32 CapabilityFlags
    public const int CapMaxRingEntries = 0x028;    // u32 largest ring size (power of two)
    public const int CapWirePorts = 0x02C;         // u32 wire (underlay) ports
    public const int OpteApiVersion = 0x030;       // u64 ApiVersion.Current of the firmware
    public const int FatalSyndrome = 0x038;        // u32 why the firmware entered FATAL (0 = none)
    public const int ResetCause = 0x03C;           // u32 ResetCause of the last boot
    public const int BootCount = 0x040;            // u32 boots since power-on
    public const int HeartbeatPeriodMs = 0x044;    // u32
    public const int CapWireQueuePairs = 0x048;    // u32 wire-facing queue pairs per wire port
    public const int BoardTemperatureMilliC = 0x04C; // i32 last reading of the board sensor, millidegrees C
    public const int CapNicCores = 0x050;          // u32 NIC cores running poll loops
    public const int CapMaxFrameBytes = 0x054;     // u32 largest frame sent or received
    public const int HostMemorySize = 0x058;       // u64 bytes of host memory reachable by DMA (addresses 0..size-1)
    public const int CapRssTableEntries = 0x060;   // u32 entries in RssIndirectionTable

    // §3.2 Reset control.
    public const int ResetControl = 0x100;         // u32 write ResetRequest.FunctionLevelReset; reads 0 when done

    // §4 Mailbox command slot.
    public const int MailboxControl = 0x200;       // u32 MailboxControl state; host writes Posted (the doorbell)
    public const int MailboxSequence = 0x204;      // u32 host-chosen sequence id of the posted command
    public const int MailboxCompletionSequence = 0x208; // u32 firmware echoes the sequence id it completed
    public const int MailboxStatus = 0x20C;        // u32 errno (0 = success)
    public const int MailboxSyndrome = 0x210;      // u32 MailboxSyndrome: which check failed
    public const int MailboxEnvelope = 0x240;      // OpteCmdIoctl.Size bytes: the command envelope

    // §3.4 RSS: key and indirection table, applied by writing RssControl = 1 (firmware clears it when applied).
    public const int RssKey = 0x400;               // RssKeyBytes bytes
    public const int RssKeyBytes = 40;
    public const int RssControl = 0x430;           // u32 RW1: 1 = apply key and table
    public const int RssIndirectionTable = 0x440;  // MaxRssTableEntries bytes, entry = host queue pair
    public const int MaxRssTableEntries = 128;

    // §3.6 Wire ports: block p starts at WirePortBase + p * WirePortStride (offsets in WirePort).
    public const int WirePortBase = 0x800;
    public const int WirePortStride = 0x40;
    public const int MaxWirePorts = 8;

    /// <summary>Offsets inside one wire-port block (§3.6); all u32, written by the firmware.</summary>
    public static class WirePort
    {
        public const int LinkStatus = 0x00;        // 1 = link up
        public const int RxFrames = 0x04;
        public const int TxFrames = 0x08;
        public const int RxFifoDrops = 0x0C;
        public const int TxDrops = 0x10;
    }

    /// <summary>Absolute BAR0 offset of a wire-port register.</summary>
    public static int WirePortRegister(int port, int offsetInBlock) => WirePortBase + (port * WirePortStride) + offsetInBlock;

    /// <summary>Absolute BAR0 offset of per-queue statistic <paramref name="stat"/> of queue pair <paramref name="queuePair"/>.</summary>
    public static int QueueStat(int queuePair, QueueStatIndex stat) => QueueRegister(queuePair, Queue.Stats + ((int)stat * 4));

    // §5 Interrupts: one cause bit per host queue pair (bit q: completion written on queue pair q) and bit 31 mailbox.
    public const int InterruptCause = 0x300;       // u32 write-1-to-clear
    public const int InterruptMask = 0x304;        // u32 1 = masked

    // §6 Host queue pairs: block q starts at QueuePairBase + q * QueuePairStride.
    public const int QueuePairBase = 0x1000;
    public const int QueuePairStride = 0x80;
    public const int MaxHostQueuePairs = 64;

    /// <summary>Offsets inside one queue-pair block (§6.1).</summary>
    public static class Queue
    {
        // Transmit: host -> card (guest frames to process and send to the wire).
        public const int TxSubmissionBase = 0x00;  // u64 DMA address of the submission ring
        public const int TxCompletionBase = 0x08;  // u64 DMA address of the completion ring
        public const int TxRingSize = 0x10;        // u32 entries, power of two, shared by both rings
        public const int TxSubmissionTail = 0x14;  // u32 doorbell: free-running producer index
        public const int TxControl = 0x18;         // u32 QueueControl written by host
        public const int TxStatus = 0x1C;          // u32 QueueStatus written by firmware

        // Receive: card -> host (frames for the guest). Host posts empty buffers on the submission ring.
        public const int RxSubmissionBase = 0x20;
        public const int RxCompletionBase = 0x28;
        public const int RxRingSize = 0x30;
        public const int RxSubmissionTail = 0x34;
        public const int RxControl = 0x38;
        public const int RxStatus = 0x3C;

        public const int Stats = 0x40;             // u32 x 16, QueueStatIndex, written by firmware
        public const int StatsCount = 16;
    }

    /// <summary>Absolute BAR0 offset of a queue-pair register.</summary>
    public static int QueueRegister(int queuePair, int offsetInBlock) => QueuePairBase + (queuePair * QueuePairStride) + offsetInBlock;
}

/// <summary>Firmware state register values (§3.1).</summary>
public enum FirmwareState : uint
{
    Booting = 0,
    Ready = 1,
    Fatal = 2,
    Updating = 3,
    /// <summary>The card is powered off (the simulator exited): nothing will answer (datasheet §8).</summary>
    Offline = 4,
}

/// <summary>Values of <see cref="Bar0.FatalSyndrome"/>: why the firmware entered FATAL (§3.1).</summary>
public enum FatalSyndrome : uint
{
    None = 0,
    /// <summary>A poll loop met an exception it could not handle; the board stopped it.</summary>
    PollLoopException = 1,
    /// <summary>Boot could not complete.</summary>
    BootFailed = 2,
}

/// <summary>Capability flags (§3.1).</summary>
[Flags]
public enum CapabilityFlags : uint
{
    None = 0,
    Rss = 1 << 0,
    ChecksumOffload = 1 << 1,
    Geneve = 1 << 2,
}

/// <summary>Why the card last booted (§3.1).</summary>
public enum ResetCause : uint
{
    PowerOn = 0,
    HostRequest = 1,
    Watchdog = 2,
    FirmwareUpdate = 3,
}

/// <summary>Values written to <see cref="Bar0.ResetControl"/>.</summary>
public enum ResetRequest : uint
{
    None = 0,
    /// <summary>Stops the queues, releases the mailbox slot (state Idle) and re-runs boot (§3.2).</summary>
    FunctionLevelReset = 1,
}

/// <summary>Mailbox slot states (§4.2). Only the owner of a state may leave it.</summary>
public enum MailboxControl : uint
{
    /// <summary>Slot free; host may write the envelope and sequence id.</summary>
    Idle = 0,
    /// <summary>Host wrote the command (the doorbell); firmware owns the slot.</summary>
    Posted = 1,
    /// <summary>Firmware took the command and is executing it.</summary>
    InProgress = 2,
    /// <summary>Firmware finished: status, syndrome, completion sequence and envelope are valid. Host releases to Idle.</summary>
    Done = 3,
}

/// <summary>Firmware's precise reason for a mailbox status (§4.4), like mlx5's syndrome.</summary>
public enum MailboxSyndrome : uint
{
    None = 0,
    BadApiVersion = 1,
    RequestTooLarge = 2,
    ResponseTooSmall = 3,
    RequestDmaFault = 4,
    ResponseDmaFault = 5,
    UnknownCommand = 6,
    BadRequestBody = 7,
    CommandFailed = 8,
    NotReady = 9,
}

/// <summary>Queue control values written by the host (§6.2).</summary>
public enum QueueControl : uint
{
    Disabled = 0,
    Enabled = 1,
}

/// <summary>Queue status values written by the firmware (§6.2).</summary>
public enum QueueStatus : uint
{
    Disabled = 0,
    /// <summary>Firmware accepted the ring configuration and owns the rings.</summary>
    Enabled = 1,
    /// <summary>Firmware refused the ring configuration (bad size, address outside host memory).</summary>
    ConfigError = 2,
    /// <summary>The host broke the ring protocol (tail more than a ring ahead); the queue stopped (§6.1).</summary>
    Fault = 3,
}

/// <summary>Values written to <see cref="Bar0.RssControl"/> (§3.4).</summary>
public enum RssControl : uint
{
    /// <summary>Nothing pending (the firmware writes this once it applied the configuration).</summary>
    Idle = 0,
    /// <summary>Host changed key or table: apply them between bursts.</summary>
    Apply = 1,
}

/// <summary>Per-queue statistics words at <see cref="Bar0.Queue.Stats"/> (§6.4).</summary>
public enum QueueStatIndex
{
    TxPackets = 0,
    TxDrops = 1,
    RxPackets = 2,
    RxDrops = 3,
    RxNoBuffer = 4,
    TxDmaFaults = 5,
    RxDmaFaults = 6,
    TxBadDescriptors = 7,
    /// <summary>Hairpin replies turned around by the card (either direction).</summary>
    Hairpins = 8,
    /// <summary>RX buffers completed with BadDescriptor (zero length or smaller than the frame).</summary>
    RxBadDescriptors = 9,
}

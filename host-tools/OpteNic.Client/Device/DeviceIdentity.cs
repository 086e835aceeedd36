using OpteNic.Api.Abi;

namespace OpteNic.Client.Device;

/// <summary>
/// A snapshot of BAR0's identity and capability registers (datasheet §3.1), readable whatever the firmware state.
/// </summary>
public sealed record DeviceIdentity
{
    /// <summary>Raw signature register (<see cref="Bar0.SignatureValue"/> on an opte-nic).</summary>
    public uint Signature { get; init; }

    /// <summary>Mailbox ABI major.</summary>
    public ushort AbiMajor { get; init; }

    /// <summary>Mailbox ABI minor.</summary>
    public ushort AbiMinor { get; init; }

    /// <summary>Raw firmware version register: major &lt;&lt; 24 | minor &lt;&lt; 16 | patch &lt;&lt; 8 | build.</summary>
    public uint FirmwareVersionRaw { get; init; }

    /// <summary>Firmware state.</summary>
    public FirmwareState State { get; init; }

    /// <summary>Heartbeat counter at the time of the snapshot.</summary>
    public uint Heartbeat { get; init; }

    /// <summary>OPTE API version the firmware speaks (register copy; the <c>Info</c> command is authoritative).</summary>
    public ulong OpteApiVersion { get; init; }

    /// <summary>Host-facing queue pairs.</summary>
    public int HostQueuePairs { get; init; }

    /// <summary>Largest request body the firmware accepts.</summary>
    public uint MaxRequest { get; init; }

    /// <summary>Largest response body the firmware writes.</summary>
    public uint MaxResponse { get; init; }

    /// <summary>Command timeout the firmware asks the host to use.</summary>
    public uint DefaultTimeoutMs { get; init; }

    /// <summary>Capability flags.</summary>
    public CapabilityFlags Capabilities { get; init; }

    /// <summary>Largest ring size.</summary>
    public uint MaxRingEntries { get; init; }

    /// <summary>Wire ports.</summary>
    public uint WirePorts { get; init; }

    /// <summary>Wire-facing queue pairs per wire port.</summary>
    public uint WireQueuePairs { get; init; }

    /// <summary>Why the firmware went FATAL (0 = not fatal).</summary>
    public uint FatalSyndrome { get; init; }

    /// <summary>Cause of the last boot.</summary>
    public ResetCause ResetCause { get; init; }

    /// <summary>Boots since power-on.</summary>
    public uint BootCount { get; init; }

    /// <summary>Heartbeat period the firmware promises.</summary>
    public uint HeartbeatPeriodMs { get; init; }

    /// <summary>Board temperature in millidegrees Celsius.</summary>
    public int BoardTemperatureMilliC { get; init; }

    /// <summary>NIC cores running poll loops.</summary>
    public uint NicCores { get; init; }

    /// <summary>Largest frame the card sends or receives.</summary>
    public uint MaxFrameBytes { get; init; }

    /// <summary>Bytes of host memory the card may reach by DMA.</summary>
    public ulong HostMemorySize { get; init; }

    /// <summary>Entries in the RSS indirection table.</summary>
    public uint RssTableEntries { get; init; }

    /// <summary>True if the signature register reads "OPTN".</summary>
    public bool HasSignature => Signature == Bar0.SignatureValue;

    /// <summary>Firmware version as major.minor.patch+build.N (<see cref="FirmwareVersionRegister"/>).</summary>
    public string FirmwareVersion => FirmwareVersionRegister.Format(FirmwareVersionRaw);

    /// <summary>Mailbox ABI as major.minor.</summary>
    public string AbiVersion => $"{AbiMajor}.{AbiMinor}";

    /// <summary>Reads every identity register.</summary>
    public static DeviceIdentity Read(BarRegisters bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        var abi = bar.Read32(Bar0.AbiVersion);
        return new DeviceIdentity
        {
            Signature = bar.Read32(Bar0.Signature),
            AbiMajor = (ushort)(abi >> 16),
            AbiMinor = (ushort)abi,
            FirmwareVersionRaw = bar.Read32(Bar0.FirmwareVersion),
            State = (FirmwareState)bar.Read32(Bar0.FirmwareState),
            Heartbeat = bar.Read32(Bar0.Heartbeat),
            OpteApiVersion = bar.Read64(Bar0.OpteApiVersion),
            HostQueuePairs = (int)Math.Min(bar.Read32(Bar0.CapHostQueuePairs), Bar0.MaxHostQueuePairs),
            MaxRequest = bar.Read32(Bar0.CapMaxRequest),
            MaxResponse = bar.Read32(Bar0.CapMaxResponse),
            DefaultTimeoutMs = bar.Read32(Bar0.CapDefaultTimeoutMs),
            Capabilities = (CapabilityFlags)bar.Read32(Bar0.CapFlags),
            MaxRingEntries = bar.Read32(Bar0.CapMaxRingEntries),
            WirePorts = bar.Read32(Bar0.CapWirePorts),
            WireQueuePairs = bar.Read32(Bar0.CapWireQueuePairs),
            FatalSyndrome = bar.Read32(Bar0.FatalSyndrome),
            ResetCause = (ResetCause)bar.Read32(Bar0.ResetCause),
            BootCount = bar.Read32(Bar0.BootCount),
            HeartbeatPeriodMs = bar.Read32(Bar0.HeartbeatPeriodMs),
            BoardTemperatureMilliC = (int)bar.Read32(Bar0.BoardTemperatureMilliC),
            NicCores = bar.Read32(Bar0.CapNicCores),
            MaxFrameBytes = bar.Read32(Bar0.CapMaxFrameBytes),
            HostMemorySize = bar.Read64(Bar0.HostMemorySize),
            RssTableEntries = bar.Read32(Bar0.CapRssTableEntries),
        };
    }
}

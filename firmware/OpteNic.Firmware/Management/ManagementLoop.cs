using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Firmware.DataPath;
using OpteNic.Firmware.Devices;
using OpteNic.Engine;
using OpteNic.Firmware.Mailbox;
using OpteNic.Firmware.Ports;
using OpteNic.Hal;

namespace OpteNic.Firmware.Management;

/// <summary>
/// The card's management loop (datasheet §2): mailbox, function-level reset, RSS configuration, heartbeat and watchdog,
/// wire-port registers, temperature and LEDs, and once a second every port's flow expiry (under the port's lease, with
/// the board clock's time). It never touches a queue's rings; for a function-level reset it parks
/// the NIC cores first. One iteration is <see cref="RunOnce"/>; control work happens between the cores' bursts.
/// </summary>
public sealed class ManagementLoop
{
    private readonly IBoard _board;
    private readonly IRegisterBlock _bar;
    private readonly FirmwareOptions _options;
    private readonly NicCore[] _cores;
    private readonly MailboxService _mailbox;
    private readonly PortRegistry _registry;
    private readonly long _expiryPeriodNanoseconds;
    private long _lastExpiry;
    private readonly Lm75Sensor _temperature;
    private readonly PortLeds _leds;
    private readonly long[] _coreIterationsAtLastBeat;
    private readonly long[] _portFramesAtLastBeat;
    private readonly long _heartbeatPeriodNanoseconds;
    private readonly long _temperaturePeriodNanoseconds;
    private long _lastHeartbeat;
    private long _lastTemperature = long.MinValue;
    private bool _resetInProgress;
    private FirmwareState _state = FirmwareState.Booting;

    public ManagementLoop(IBoard board, FirmwareOptions options, NicCore[] cores, MailboxService mailbox, PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cores);
        ArgumentNullException.ThrowIfNull(mailbox);
        _board = board;
        _bar = board.Bar0;
        _options = options;
        _cores = cores;
        _mailbox = mailbox;
        _registry = registry;
        _expiryPeriodNanoseconds = options.FlowExpiryPeriodMilliseconds * 1_000_000L;
        _temperature = new Lm75Sensor(board.TemperatureSensor);
        _leds = new PortLeds(board.Gpio, board.WirePortCount);
        _coreIterationsAtLastBeat = new long[cores.Length];
        _portFramesAtLastBeat = new long[board.WirePortCount];
        _heartbeatPeriodNanoseconds = options.HeartbeatPeriodMilliseconds * 1_000_000L;
        _temperaturePeriodNanoseconds = options.TemperaturePeriodMilliseconds * 1_000_000L;
    }

    /// <summary>The state last published in <see cref="Bar0.FirmwareState"/>.</summary>
    public FirmwareState State => _state;

    /// <summary>Heartbeats skipped because some NIC core made no progress during a period.</summary>
    public long MissedHeartbeats { get; private set; }

    /// <summary>Function-level resets completed.</summary>
    public long FunctionLevelResets { get; private set; }

    /// <summary>Expiry passes run over every port.</summary>
    public long ExpiryPasses { get; private set; }

    /// <summary>The mailbox service.</summary>
    public MailboxService Mailbox => _mailbox;

    /// <summary>
    /// Boot (power-on, system reset) and the second half of a function-level reset: identity and capabilities, every
    /// queue stopped, mailbox Idle, default RSS, watchdog armed, then READY (written last, release-ordered).
    /// </summary>
    public void Boot()
    {
        SetState(FirmwareState.Booting);
        WriteIdentity();
        foreach (var core in _cores)
        {
            core.ResetQueues();
        }

        ClearQueueRegisters();
        _mailbox.Release();
        _bar.Write32(Bar0.InterruptCause, 0);
        ApplyDefaultRss();
        _bar.Write32(Bar0.RssControl, (uint)RssControl.Idle);
        PublishWirePorts();
        _lastHeartbeat = _board.Clock.NowNanoseconds;
        _lastExpiry = _lastHeartbeat;
        for (var i = 0; i < _cores.Length; i++)
        {
            _coreIterationsAtLastBeat[i] = _cores[i].Iterations;
        }

        _board.Watchdog.Start(_options.WatchdogTimeoutMilliseconds);
        SetState(FirmwareState.Ready);
    }

    /// <summary>One iteration; returns the number of things done (0 = idle).</summary>
    public int RunOnce()
    {
        var work = 0;
        var now = _board.Clock.NowNanoseconds;

        if (_resetInProgress)
        {
            work += ContinueFunctionLevelReset();
        }
        else if (_bar.Read32(Bar0.ResetControl) == (uint)ResetRequest.FunctionLevelReset)
        {
            StartFunctionLevelReset();
            work++;
        }

        if (_mailbox.Poll(_state == FirmwareState.Ready))
        {
            work++;
        }

        if (!_resetInProgress && _bar.Read32(Bar0.RssControl) == (uint)RssControl.Apply)
        {
            ApplyRssFromRegisters();
            _bar.Write32(Bar0.RssControl, (uint)RssControl.Idle);
            work++;
        }

        if (now - _lastHeartbeat >= _heartbeatPeriodNanoseconds)
        {
            _lastHeartbeat = now;
            Beat();
        }

        if (now - _lastExpiry >= _expiryPeriodNanoseconds)
        {
            _lastExpiry = now;
            work += ExpireFlows(now);
        }

        if (_lastTemperature == long.MinValue || now - _lastTemperature >= _temperaturePeriodNanoseconds)
        {
            _lastTemperature = now;
            if (_temperature.TryReadMilliCelsius(out var milliCelsius))
            {
                _bar.Write32(Bar0.BoardTemperatureMilliC, unchecked((uint)milliCelsius));
            }
        }

        return work;
    }

    /// <summary>Marks the card FATAL with a syndrome (the board file calls this when a loop dies).</summary>
    public void EnterFatal(FatalSyndrome syndrome)
    {
        _bar.Write32(Bar0.FatalSyndrome, (uint)syndrome);
        SetState(FirmwareState.Fatal);
    }

    private void StartFunctionLevelReset()
    {
        SetState(FirmwareState.Booting);
        _mailbox.Release();
        foreach (var core in _cores)
        {
            core.RequestPark();
        }

        _resetInProgress = true;
    }

    private int ContinueFunctionLevelReset()
    {
        foreach (var core in _cores)
        {
            if (!core.IsParked)
            {
                return 0;
            }
        }

        Boot();
        _bar.Write32(Bar0.ResetCause, (uint)ResetCause.HostRequest);
        _bar.Write32(Bar0.BootCount, _bar.Read32(Bar0.BootCount) + (uint)FunctionLevelResets + 1);
        FunctionLevelResets++;
        foreach (var core in _cores)
        {
            core.ReleasePark();
        }

        _resetInProgress = false;
        _bar.Write32(Bar0.ResetControl, (uint)ResetRequest.None);
        return 1;
    }

    /// <summary>Runs every port's flow expiry (TCP, UFT, LFT; behaviour §1) between the cores' bursts on it.</summary>
    private int ExpireFlows(long now)
    {
        var ports = _registry.Current.Ports;
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator, once a second, forever.
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            if (port.TryEnter(CardPort.ControlOwner))
            {
                try
                {
                    port.Engine.ExpireFlows(new Moment(now));
                }
                finally
                {
                    port.Exit();
                }
            }
        }

        ExpiryPasses++;
        return ports.Count;
    }

    private void Beat()
    {
        var allProgressed = true;
        for (var i = 0; i < _cores.Length; i++)
        {
            var iterations = _cores[i].Iterations;
            allProgressed &= iterations != _coreIterationsAtLastBeat[i];
            _coreIterationsAtLastBeat[i] = iterations;
        }

        PublishWirePorts();
        if (!allProgressed)
        {
            // A stuck core: no heartbeat, no kick; the watchdog will reset the card (§3.7).
            MissedHeartbeats++;
            return;
        }

        _bar.Write32(Bar0.Heartbeat, _bar.Read32(Bar0.Heartbeat) + 1);
        _board.Watchdog.Kick();
    }

    private void SetState(FirmwareState state)
    {
        _state = state;
        _bar.Write32(Bar0.FirmwareState, (uint)state);
    }

    private void WriteIdentity()
    {
        _bar.Write32(Bar0.Signature, Bar0.SignatureValue);
        _bar.Write32(Bar0.AbiVersion, ((uint)Bar0.AbiMajor << 16) | Bar0.AbiMinor);
        _bar.Write32(Bar0.FirmwareVersion, FirmwareVersion.Encoded);
        _bar.Write32(Bar0.CapHostQueuePairs, (uint)_board.HostQueuePairs);
        _bar.Write32(Bar0.CapMaxRequest, (uint)_options.MaxRequestBytes);
        _bar.Write32(Bar0.CapMaxResponse, (uint)_options.MaxResponseBytes);
        _bar.Write32(Bar0.CapDefaultTimeoutMs, (uint)_options.CommandTimeoutMilliseconds);
        _bar.Write32(Bar0.CapFlags, (uint)CapabilityFlags.Rss);
        _bar.Write32(Bar0.CapMaxRingEntries, (uint)_options.MaxRingEntries);
        _bar.Write32(Bar0.CapWirePorts, (uint)_board.WirePortCount);
        _bar.Write64(Bar0.OpteApiVersion, ApiVersion.Current);
        _bar.Write32(Bar0.FatalSyndrome, (uint)FatalSyndrome.None);
        _bar.Write32(Bar0.ResetCause, (uint)_board.Reset.LastResetCause);
        _bar.Write32(Bar0.BootCount, _board.Reset.BootCount);
        _bar.Write32(Bar0.HeartbeatPeriodMs, (uint)_options.HeartbeatPeriodMilliseconds);
        _bar.Write32(Bar0.CapWireQueuePairs, _board.WirePortCount > 0 ? (uint)_board.GetWirePort(0).QueueCount : 0);
        _bar.Write32(Bar0.CapNicCores, (uint)_cores.Length);
        _bar.Write32(Bar0.CapMaxFrameBytes, (uint)_options.MaxFrameBytes);
        _bar.Write64(Bar0.HostMemorySize, _board.HostMemory.Size);
        _bar.Write32(Bar0.CapRssTableEntries, (uint)RssTableEntries);
    }

    private int RssTableEntries => _board.WirePortCount > 0
        ? Math.Min(_board.GetWirePortControl(0).RssTableEntries, Bar0.MaxRssTableEntries)
        : Bar0.MaxRssTableEntries;

    private void ClearQueueRegisters()
    {
        Span<byte> zeros = stackalloc byte[Bar0.QueuePairStride];
        zeros.Clear();
        for (var q = 0; q < _board.HostQueuePairs; q++)
        {
            _bar.WriteBytes(Bar0.QueueRegister(q, 0), zeros);
        }
    }

    private void ApplyDefaultRss()
    {
        Span<byte> table = stackalloc byte[RssTableEntries];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = RssDefaults.TableEntry(i, _board.HostQueuePairs);
        }

        _bar.WriteBytes(Bar0.RssKey, RssDefaults.Key);
        _bar.WriteBytes(Bar0.RssIndirectionTable, table);
        ConfigurePorts(RssDefaults.Key, table);
    }

    private void ApplyRssFromRegisters()
    {
        Span<byte> key = stackalloc byte[Bar0.RssKeyBytes];
        Span<byte> table = stackalloc byte[RssTableEntries];
        _bar.ReadBytes(Bar0.RssKey, key);
        _bar.ReadBytes(Bar0.RssIndirectionTable, table);
        for (var i = 0; i < table.Length; i++)
        {
            if (table[i] >= _board.HostQueuePairs)
            {
                table[i] = 0;
            }
        }

        ConfigurePorts(key, table);
    }

    private void ConfigurePorts(ReadOnlySpan<byte> key, ReadOnlySpan<byte> table)
    {
        for (var p = 0; p < _board.WirePortCount; p++)
        {
            _board.GetWirePortControl(p).ConfigureRss(key, table);
        }
    }

    private void PublishWirePorts()
    {
        for (var p = 0; p < _board.WirePortCount; p++)
        {
            var port = _board.GetWirePortControl(p);
            long transmitDrops = 0;
            foreach (var core in _cores)
            {
                transmitDrops += core.WireTransmitDrops(p);
            }

            _bar.Write32(Bar0.WirePortRegister(p, Bar0.WirePort.LinkStatus), port.LinkUp ? 1u : 0u);
            _bar.Write32(Bar0.WirePortRegister(p, Bar0.WirePort.RxFrames), unchecked((uint)port.RxFrames));
            _bar.Write32(Bar0.WirePortRegister(p, Bar0.WirePort.TxFrames), unchecked((uint)port.TxFrames));
            _bar.Write32(Bar0.WirePortRegister(p, Bar0.WirePort.RxFifoDrops), unchecked((uint)port.RxFifoDrops));
            _bar.Write32(Bar0.WirePortRegister(p, Bar0.WirePort.TxDrops), unchecked((uint)transmitDrops));
            var frames = port.RxFrames + port.TxFrames;
            _leds.ShowLink(p, port.LinkUp);
            _leds.ShowActivity(p, frames != _portFramesAtLastBeat[p]);
            _portFramesAtLastBeat[p] = frames;
        }
    }
}

using System.Buffers.Binary;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Devices;
using OpteNic.HwSim.Memory;
using OpteNic.HwSim.Wire;

namespace OpteNic.Card.Tests;

/// <summary>
/// A simulated card in process memory with its firmware booted, stepped by the test (as QEMU's qtests drive a device
/// model): the test plays the host by writing BAR0 registers, rings and buffers directly, and plays the wire through
/// the in-memory link. Host memory layout used here: requests at <see cref="RequestAddress"/>, responses at
/// <see cref="ResponseAddress"/>, rings from <see cref="RingArea"/>, frame buffers from <see cref="BufferArea"/>.
/// </summary>
public sealed class CardHarness : IDisposable
{
    public const ulong RequestAddress = 0x1_0000;
    public const ulong ResponseAddress = 0x2_0000;
    public const ulong RingArea = 0x10_0000;
    public const ulong BufferArea = 0x20_0000;
    public const long HostMemoryBytes = 8L * 1024 * 1024;

    private uint _sequence = 100;

    public CardHarness(int queues = 4, int cores = 1, IPortDataPath? port = null, FirmwareOptions? options = null)
    {
        Clock = new ManualClock(1_000_000_000);
        Card = SimulatedCard.Create(new SimulatedCardOptions
        {
            HostMemoryBytes = HostMemoryBytes,
            HostQueuePairs = queues,
            Clock = Clock,
            WireFifoDepth = 64,
        });
        Port = port ?? new PassThroughPort();
        Card.ResetSilicon();
        Firmware = new CardFirmware(Card, Port, options ?? new FirmwareOptions { NicCores = cores });
        Firmware.Boot();
        Wire = new InMemoryWireLink(Card.WirePort(0));
    }

    public ManualClock Clock { get; }

    public SimulatedCard Card { get; }

    public IPortDataPath Port { get; }

    public CardFirmware Firmware { get; }

    public InMemoryWireLink Wire { get; }

    public MappedRegisterBlock Bar => Card.Bar;

    public MappedDmaEngine HostMemory => Card.Dma;

    /// <summary>Runs every firmware loop <paramref name="iterations"/> times.</summary>
    public int Step(int iterations = 1)
    {
        var work = 0;
        for (var i = 0; i < iterations; i++)
        {
            work += Firmware.RunOnce();
        }

        return work;
    }

    public uint Read(int offset) => Bar.Read32(offset);

    public uint QueueStat(int queue, QueueStatIndex stat) => Bar.Read32(Bar0.QueueStat(queue, stat));

    /// <summary>An envelope for <paramref name="cmd"/> with the harness's request/response buffers.</summary>
    public static OpteCmdIoctl Envelope(OpteCmd cmd, int requestLength, ulong responseLength = 16 * 1024) => new()
    {
        ApiVersion = ApiVersion.Current,
        Cmd = cmd,
        RequestAddress = RequestAddress,
        RequestLength = (ulong)requestLength,
        ResponseAddress = ResponseAddress,
        ResponseLength = responseLength,
    };

    /// <summary>
    /// Plays the host side of §4.5: writes the request bytes and the envelope, a fresh sequence id, rings Posted,
    /// steps the firmware until Done, reads everything back and releases the slot.
    /// </summary>
    public MailboxOutcome RunCommand(OpteCmdIoctl envelope, ReadOnlySpan<byte> request)
    {
        if (!request.IsEmpty)
        {
            Assert.True(HostMemory.TryWrite(RequestAddress, request));
        }

        Assert.Equal((uint)MailboxControl.Idle, Read(Bar0.MailboxControl));
        Span<byte> raw = stackalloc byte[OpteCmdIoctl.Size];
        envelope.WriteTo(raw);
        Bar.WriteBytes(Bar0.MailboxEnvelope, raw);
        var sequence = ++_sequence;
        Bar.Write32(Bar0.MailboxSequence, sequence);
        Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Posted);

        for (var i = 0; i < 10 && Read(Bar0.MailboxControl) != (uint)MailboxControl.Done; i++)
        {
            Step();
        }

        Assert.Equal((uint)MailboxControl.Done, Read(Bar0.MailboxControl));
        Assert.Equal(sequence, Read(Bar0.MailboxCompletionSequence));
        Bar.ReadBytes(Bar0.MailboxEnvelope, raw);
        var completed = OpteCmdIoctl.ReadFrom(raw);
        var body = Array.Empty<byte>();
        if ((completed.Flags & OpteCmdIoctl.FlagResponseWritten) != 0)
        {
            var length = (int)Math.Min(completed.ResponseLengthActual, completed.ResponseLength);
            body = new byte[length];
            Assert.True(HostMemory.TryRead(completed.ResponseAddress, body));
        }

        var outcome = new MailboxOutcome(
            (int)Read(Bar0.MailboxStatus),
            (MailboxSyndrome)Read(Bar0.MailboxSyndrome),
            completed,
            body);
        Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Idle);
        return outcome;
    }

    /// <summary>Configures and enables one direction of a queue pair (§6.2) and steps until the firmware answers.</summary>
    public QueueStatus EnableRing(int queue, bool transmit, uint size, ulong submissionBase, ulong completionBase, bool step = true)
    {
        var block = transmit ? Bar0.Queue.TxSubmissionBase : Bar0.Queue.RxSubmissionBase;
        Bar.Write64(Bar0.QueueRegister(queue, block), submissionBase);
        Bar.Write64(Bar0.QueueRegister(queue, block + 8), completionBase);
        Bar.Write32(Bar0.QueueRegister(queue, block + 0x10), size);
        Bar.Write32(Bar0.QueueRegister(queue, block + 0x14), 0);
        Bar.Write32(Bar0.QueueRegister(queue, block + 0x18), (uint)QueueControl.Enabled);
        if (step)
        {
            Step();
        }

        return (QueueStatus)Read(Bar0.QueueRegister(queue, block + 0x1C));
    }

    /// <summary>Writes a submission entry.</summary>
    public void WriteSubmission(ulong ringBase, uint size, uint index, ulong address, uint length, ushort id)
    {
        Span<byte> entry = stackalloc byte[SubmissionDescriptor.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(entry[SubmissionDescriptor.Address..], address);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[SubmissionDescriptor.Length..], length);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[SubmissionDescriptor.Id..], id);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[SubmissionDescriptor.Flags..], 0);
        Assert.True(HostMemory.TryWrite(ringBase + ((index & (size - 1)) * SubmissionDescriptor.Size), entry));
    }

    /// <summary>Reads completion <paramref name="index"/> if its phase says the card wrote it on this pass.</summary>
    public bool TryReadCompletion(ulong ringBase, uint size, uint index, out Completion completion)
    {
        var address = ringBase + ((index & (size - 1)) * CompletionDescriptor.Size);
        Assert.True(HostMemory.TryRead32Acquire(address + CompletionDescriptor.Info, out var info));
        var expectedPhase = ((index / size) & 1) == 0 ? CompletionDescriptor.PhaseBit : 0;
        if ((info & CompletionDescriptor.PhaseBit) != expectedPhase)
        {
            completion = default;
            return false;
        }

        Span<byte> entry = stackalloc byte[CompletionDescriptor.Size];
        Assert.True(HostMemory.TryRead(address, entry));
        completion = new Completion(
            BinaryPrimitives.ReadUInt32LittleEndian(entry[CompletionDescriptor.Length..]),
            BinaryPrimitives.ReadUInt32LittleEndian(entry[CompletionDescriptor.RssHash..]),
            BinaryPrimitives.ReadUInt16LittleEndian(entry[CompletionDescriptor.Id..]),
            (CompletionStatus)BinaryPrimitives.ReadUInt16LittleEndian(entry[CompletionDescriptor.Status..]),
            (CompletionFlags)(info & 0xFFFF));
        return true;
    }

    public void Dispose() => Card.Dispose();
}

/// <summary>What the host read back after a command.</summary>
public sealed record MailboxOutcome(int Status, MailboxSyndrome Syndrome, OpteCmdIoctl Envelope, byte[] Body);

/// <summary>A decoded completion entry.</summary>
public readonly record struct Completion(uint Length, uint RssHash, ushort Id, CompletionStatus Status, CompletionFlags Flags);

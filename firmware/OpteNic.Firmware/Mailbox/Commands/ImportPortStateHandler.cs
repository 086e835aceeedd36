using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine;
using OpteNic.Firmware.Ports;
using OpteNic.Hal;
using OpteNic.Vpc.State;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.ImportPortState"/> (card extension, datasheet §5.7): rebuilds the flows of an exported blob on
/// this card's port through <c>VpcPort.TryImportState</c> at the board clock's time, under the port's lease (it runs
/// synthetic packets through the port, so it takes effect between two bursts like every port command). A blob refused
/// as a whole changes nothing and answers an error (see <see cref="ToOpteError"/>); otherwise the response counts the
/// flows rebuilt and lists each one that was not with its reason.
/// </summary>
public sealed class ImportPortStateHandler : PortCommandHandler<ImportPortStateReq, ImportPortStateResp>
{
    private readonly IMonotonicClock _clock;

    public ImportPortStateHandler(PortRegistry registry, IMonotonicClock clock)
        : base(registry)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    public override OpteCmd Command => OpteCmd.ImportPortState;

    protected override string PortNameOf(ImportPortStateReq request) => request.PortName;

    protected override CommandResult<ImportPortStateResp> Handle(ImportPortStateReq request, CardPort port)
    {
        if (!port.Vpc.TryImportState(request.State.AsSpan(), new Moment(_clock.NowNanoseconds), out var result, out var error))
        {
            return ToOpteError(error, port);
        }

        return new ImportPortStateResp(port.Name, (uint)result.Restored,
            [.. result.Errors.Select(e => new FlowRestoreFailure(e.GuestFlow.ToApi(), ToApi(e.Kind), e.Message))]);
    }

    /// <summary>
    /// A blob refused as a whole: damaged or unreadable (truncated, trailing bytes, bad magic, unsupported version,
    /// record size, CRC, a bad record) → <see cref="OpteError.DeserCmdReq"/> (the request's payload did not decode; ENOMSG);
    /// exported from another guest → <see cref="OpteError.System"/> EINVAL naming both; the port not running (e.g.
    /// paused) → <see cref="OpteError.BadState"/>.
    /// </summary>
    public static OpteError ToOpteError(PortStateError error, CardPort port)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(port);
        return error.Kind switch
        {
            PortStateErrorKind.PortNotRunning => new OpteError.BadState($"port {port.Name} is {port.Engine.State}; start-port it before importing"),
            PortStateErrorKind.OtherPort => new OpteError.System(Errno.EINVAL, $"port {port.Name}: the state was {error.Message}"),
            _ => new OpteError.DeserCmdReq($"port state for {port.Name}: {error}"),
        };
    }

    private static FlowRestoreReason ToApi(FlowRestoreErrorKind kind) => kind switch
    {
        FlowRestoreErrorKind.NatPortUnavailable => FlowRestoreReason.NatPortUnavailable,
        FlowRestoreErrorKind.Denied => FlowRestoreReason.Denied,
        FlowRestoreErrorKind.TableFull => FlowRestoreReason.TableFull,
        FlowRestoreErrorKind.ExternalAddressChanged => FlowRestoreReason.ExternalAddressChanged,
        FlowRestoreErrorKind.TcpStateRefused => FlowRestoreReason.TcpStateRefused,
        _ => FlowRestoreReason.ProcessError,
    };
}

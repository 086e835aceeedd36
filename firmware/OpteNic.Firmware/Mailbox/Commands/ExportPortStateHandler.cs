using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc.State;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.ExportPortState"/> (card extension, datasheet §5.7): the port's flows as the VPC port's
/// <see cref="PortStateBlob"/>. The port must be <b>Paused</b>, otherwise <see cref="OpteError.BadState"/>: a running
/// port keeps changing its flows (new flows, TCP sequence numbers, expiry) so a blob taken from it would be stale the
/// moment it left, and both cards could use the same SNAT ports at once; pausing first (OPTE's save/restore story)
/// makes the blob the port's final state and stops the source card from sending for those flows. A blob larger than
/// the host's response buffer is answered ENOBUFS with the size needed (the host grows and retries).
/// </summary>
public sealed class ExportPortStateHandler : PortCommandHandler<ExportPortStateReq, ExportPortStateResp>
{
    public ExportPortStateHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.ExportPortState;

    protected override string PortNameOf(ExportPortStateReq request) => request.PortName;

    protected override CommandResult<ExportPortStateResp> Handle(ExportPortStateReq request, CardPort port)
    {
        if (port.Engine.State != PortState.Paused)
        {
            return new OpteError.BadState($"port {port.Name} is {port.Engine.State}; pause-port it before exporting its state");
        }

        var flows = port.Vpc.ExportFlows();
        var blob = PortStateBlob.Write(new OpteNic.Packets.MacAddress(port.GuestMac.Value), port.Vni.Value, flows);
        return new ExportPortStateResp(port.Name, (uint)flows.Count, ValueArray.Adopt(blob));
    }
}

using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.Info"/>: firmware, API, mailbox ABI and board versions. Answers in any port state.</summary>
public sealed class InfoHandler : CommandHandler<InfoReq, InfoResp>
{
    private readonly InfoResp _info;

    public InfoHandler(string boardName, string boardRevision) =>
        _info = new InfoResp(FirmwareVersion.Text, ApiVersion.Current, Bar0.AbiMajor, Bar0.AbiMinor, boardName, boardRevision);

    public override OpteCmd Command => OpteCmd.Info;

    protected override CommandResult<InfoResp> Handle(InfoReq request) => _info;
}

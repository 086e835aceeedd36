using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.Info"/> (card extension, 200): what the host needs to know before talking to the
/// card. Wire form: fields in the order below.
/// </summary>
/// <param name="FirmwareVersion">Firmware version text, e.g. "1.2.0+build.7".</param>
/// <param name="ApiVersion">The firmware's <see cref="Api.ApiVersion.Current"/>.</param>
/// <param name="MailboxAbiMajor">Mailbox ABI major (<c>Bar0.AbiMajor</c>).</param>
/// <param name="MailboxAbiMinor">Mailbox ABI minor (<c>Bar0.AbiMinor</c>).</param>
/// <param name="BoardName">Board name, e.g. "opte-nic-sim".</param>
/// <param name="BoardRevision">Board revision text.</param>
public sealed record InfoResp(
    string FirmwareVersion,
    ulong ApiVersion,
    ushort MailboxAbiMajor,
    ushort MailboxAbiMinor,
    string BoardName,
    string BoardRevision) : IPostcardSerializable<InfoResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(FirmwareVersion);
        writer.WriteU64(ApiVersion);
        writer.WriteU16(MailboxAbiMajor);
        writer.WriteU16(MailboxAbiMinor);
        writer.WriteString(BoardName);
        writer.WriteString(BoardRevision);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out InfoResp value)
    {
        value = null;
        if (!reader.TryReadString(out string firmware) || !reader.TryReadU64(out ulong api) ||
            !reader.TryReadU16(out ushort major) || !reader.TryReadU16(out ushort minor) ||
            !reader.TryReadString(out string board) || !reader.TryReadString(out string revision))
        {
            return false;
        }

        value = new InfoResp(firmware, api, major, minor, board, revision);
        return true;
    }
}

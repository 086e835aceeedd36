using System.CommandLine;
using OpteAdm.Opte.Rendering;
using OpteNic.Api;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Commands;

/// <summary>
/// Moving a port to another card (card extension, datasheet §5.7): <c>export-port-state PORT -o FILE</c> on the source
/// card (the port must be paused) and <c>import-port-state PORT -i FILE</c> on the destination's port of the same guest.
/// The file is the card's blob byte for byte (versioned, CRC-checked by the card); opteadm does not interpret it.
/// </summary>
internal static class PortStateCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [Export(), Import()];

    /// <summary><c>export-port-state PORT -o FILE</c>.</summary>
    public static OpteCommand Export()
    {
        var port = CliValues.PortNameArgument("PORT", "The paused port whose state to export");
        var file = new Option<string>("--output", "-o")
        {
            Description = "File to write the state blob to",
            Required = true,
            HelpName = "FILE",
        };
        string? path = null;
        var command = new OpteCommand<ExportPortStateReq, ExportPortStateResp>(
            "export-port-state",
            OpteHelp.Describe("Export a paused port's flows (NAT assignments, firewall state, TCP states) to a file, so the port can move to another card",
                "opteadm pause-port -p opte0 && opteadm export-port-state opte0 -o opte0.state",
                "opteadm export-port-state opte0 -o opte0.state --json"),
            (parse, _) =>
            {
                path = parse.GetValue(file)!;
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is null || !Directory.Exists(directory))
                {
                    throw new OpteInputException($"cannot write {path}: directory {directory} does not exist");
                }

                return new ExportPortStateReq(parse.GetValue(port)!);
            },
            (output, request, response) => OpteText.ExportPortState(output, request, response, path ?? ""),
            (json, request, response) => OpteJson.ExportPortState(json, request, response, path ?? ""))
        {
            // The blob is written before anything is printed, so a script that sees exit 0 has the file.
            Send = (call, request) =>
            {
                var response = call.Run<ExportPortStateReq, ExportPortStateResp>(request);
                File.WriteAllBytes(path!, response.State.AsSpan());
                return response;
            },
        };
        command.Add(port);
        command.Add(file);
        return command;
    }

    /// <summary><c>import-port-state PORT -i FILE</c>.</summary>
    public static OpteCommand Import()
    {
        var port = CliValues.PortNameArgument("PORT", "The running port (same guest MAC and VNI as the exported one) to rebuild the flows on");
        var file = new Option<string>("--input", "-i")
        {
            Description = "File holding a state blob written by export-port-state",
            Required = true,
            HelpName = "FILE",
        };
        return new OpteCommand<ImportPortStateReq, ImportPortStateResp>(
            "import-port-state",
            OpteHelp.Describe("Rebuild the flows of an exported port state on this card's port; flows that cannot be rebuilt are listed with the reason",
                "opteadm import-port-state opte0 -i opte0.state",
                "opteadm import-port-state opte0 -i opte0.state --json"),
            (parse, _) =>
            {
                var path = parse.GetValue(file)!;
                byte[] blob;
                try
                {
                    blob = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new OpteInputException($"cannot read {path}: {e.Message}");
                }

                return new ImportPortStateReq(parse.GetValue(port)!, ValueArray.Adopt(blob));
            },
            OpteText.ImportPortState,
            OpteJson.ImportPortState)
        {
            port,
            file,
        };
    }
}

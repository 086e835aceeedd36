using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;

namespace OpteAdm.Opte;

/// <summary>
/// An OPTE subcommand typed by its request and response: builds <typeparamref name="TReq"/> from the command line,
/// sends it (once, or through a custom sender such as dump-v2p's pager), and prints the response as a table or, with
/// <c>--json</c>, as JSON. Failures go through <see cref="CommandRunner.Wrap"/> (device and mailbox classes) after
/// firmware <c>OpteError</c>s are put in words with their own exit codes (<see cref="OpteExitCodes"/>).
/// </summary>
/// <typeparam name="TReq">The request type.</typeparam>
/// <typeparam name="TResp">The response type.</typeparam>
internal sealed class OpteCommand<TReq, TResp> : OpteCommand
    where TReq : IOpteRequest<TReq, TResp>
    where TResp : IPostcardSerializable<TResp>
{
    private readonly Func<ParseResult, TextReader, TReq> _build;
    private readonly Action<TextWriter, TReq, TResp>? _text;
    private readonly Action<Utf8JsonWriter, TReq, TResp>? _json;
    private readonly Option<bool>? _jsonOption;

    /// <summary>Creates the command; a <paramref name="json"/> renderer adds the <c>--json</c> option.</summary>
    public OpteCommand(
        string name,
        OpteHelp help,
        Func<ParseResult, TextReader, TReq> build,
        Action<TextWriter, TReq, TResp>? text = null,
        Action<Utf8JsonWriter, TReq, TResp>? json = null)
        : base(name, help)
    {
        _build = build;
        _text = text;
        _json = json;
        if (json is not null)
        {
            _jsonOption = CliValues.JsonOption();
            Options.Add(_jsonOption);
        }

        SetAction(CommandRunner.Wrap(Run));
    }

    /// <summary>How the request is sent; by default one mailbox command.</summary>
    public Func<OpteCall, TReq, TResp> Send { get; init; } = static (call, request) => call.Run<TReq, TResp>(request);

    /// <summary>A response that reports a failure (e.g. del-router-entry's NotFound): returns its words, or null.</summary>
    public Func<TReq, TResp, string?>? NotFoundWhen { get; init; }

    /// <summary>True when this command prints JSON on request.</summary>
    public bool HasJson => _json is not null;

    /// <inheritdoc/>
    public override IOpteRequest BuildRequest(ParseResult parse, TextReader input) => Build(parse, input);

    /// <summary>The typed request (see <see cref="BuildRequest"/>).</summary>
    public TReq Build(ParseResult parse, TextReader input) => _build(parse, input);

    /// <summary>Prints <paramref name="response"/> as the command would (table, or JSON when <paramref name="json"/>).</summary>
    public void Render(TextWriter output, TReq request, TResp response, bool json)
    {
        if (json && _json is not null)
        {
            // Relaxed escaping keeps '+', '<', '>' and non-ASCII text readable; the output is JSON for scripts, never HTML.
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                _json(writer, request, response);
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            _text?.Invoke(output, request, response);
        }
    }

    private int Run(ParseResult parse)
    {
        TReq request;
        try
        {
            request = Build(parse, Console.In);
        }
        catch (OpteInputException e)
        {
            return CommandRunner.Fail($"{Name}: {e.Message}", ExitCodes.BadInput);
        }

        using var device = CommandRunner.OpenDevice(parse);
        TResp response;
        try
        {
            response = Send(new OpteCall(device, GlobalOptions.CommandOptionsFrom(parse)), request);
        }
        catch (OpteDeviceException e) when (e.Kind is DeviceErrorKind.CommandFailed or DeviceErrorKind.AbiMismatch && e.OpteError is { } error)
        {
            return CommandRunner.Fail(OpteErrorWords.Describe(Name, request, error), OpteExitCodes.For(error));
        }

        if (NotFoundWhen?.Invoke(request, response) is { } notFound)
        {
            return CommandRunner.Fail($"{Name}: {notFound}", OpteExitCodes.NotFound);
        }

        Render(Console.Out, request, response, _jsonOption is not null && parse.GetValue(_jsonOption));
        return ExitCodes.Ok;
    }
}

using global::OpteAdm.Opte;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>Shell completion: candidates come from the real command tree; the scripts call back into opteadm.</summary>
public sealed class OpteCompletionTests
{
    [Theory]
    [InlineData("opteadm dump-", "dump-uft", "dump-v2p", "dump-mcast-subs")]
    [InlineData("opteadm rm-fw-rule -p opte0 ", "in", "out")]
    [InlineData("opteadm dump-layer -p opte0 ", "firewall", "gateway", "overlay")]
    [InlineData("opteadm add-router-entry -p opte0 0.0.0.0/0 ig --class ", "custom", "system")]
    [InlineData("opteadm add-router-entry -p opte0 0.0.0.0/0 ", "drop", "ig", "sub4=")]
    [InlineData("opteadm completion ", "bash", "zsh")]
    [InlineData("/usr/local/bin/opteadm list-p", "list-ports")]
    [InlineData("opteadm dump-uft -", "--port", "--json")]
    public void Offers_candidates_for_the_word_at_the_cursor(string line, params string[] expected)
    {
        var candidates = CompletionCommand.Complete(OpteCli.Root(), line, line.Length);
        foreach (var candidate in expected)
        {
            Assert.Contains(candidate, candidates);
        }
    }

    [Fact]
    public void Hidden_completer_is_not_offered_and_cursor_position_counts()
    {
        var all = CompletionCommand.Complete(OpteCli.Root(), "opteadm ", 8);
        Assert.Contains("set-fw-rules", all);
        Assert.DoesNotContain(CompletionCommand.CompleterName, all);

        // Cursor inside "dump-" of a longer line: only what is left of the cursor matters.
        var line = "opteadm dump-uft -p opte0";
        var atDump = CompletionCommand.Complete(OpteCli.Root(), line, "opteadm dump-".Length);
        Assert.Contains("dump-layer", atDump);
        Assert.DoesNotContain("list-ports", atDump);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _opteadm opteadm")]
    [InlineData("zsh", "compdef _opteadm opteadm")]
    public void Scripts_call_back_into_opteadm(string shell, string registration)
    {
        var script = CompletionCommand.Script(shell);
        Assert.Contains($"opteadm {CompletionCommand.CompleterName} ", script, StringComparison.Ordinal);
        Assert.Contains(registration, script, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_and_completer_parse()
    {
        OpteCli.ParseOk("completion", "bash");
        OpteCli.ParseOk(CompletionCommand.CompleterName, "12", "opteadm dump-");
        Assert.Contains("'fish' not recognized", OpteCli.Errors("completion", "fish"), StringComparison.Ordinal);
    }
}

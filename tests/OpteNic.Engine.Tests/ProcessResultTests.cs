using System.Runtime.CompilerServices;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Packets.Parsing;
using Xunit;

namespace OpteNic.Engine.Tests;

public sealed class ProcessResultTests
{
    [Fact]
    public void Result_is_eight_bytes_without_object_references()
    {
        // The fast path relies on this: the result comes back in one register and no stack slot needs GC zeroing.
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<ProcessResult>());
        Assert.Equal(8, Unsafe.SizeOf<ProcessResult>());
    }

    [Fact]
    public void Layer_deny_and_full_carry_the_layer_name()
    {
        var layer = new Layer("result-test-layer", DefaultAction.Deny, DefaultAction.Allow);
        ProcessResult denied = ProcessResult.DeniedBy(layer.NameId, DenyReason.Rule);
        Assert.Equal(ProcessOutcome.Drop, denied.Outcome);
        Assert.Equal(DropReason.Layer, denied.DropReason);
        Assert.Equal(DenyReason.Rule, denied.DenyReason);
        Assert.Equal("result-test-layer", denied.LayerName);
        Assert.Equal("result-test-layer", ProcessResult.DeniedBy("result-test-layer", DenyReason.Default).LayerName);
        Assert.Equal(layer.NameId, ProcessResult.LayerFull("result-test-layer").LayerId);
        Assert.Equal("Drop(lft full: result-test-layer)", ProcessResult.LayerFull(layer.NameId).ToString());
    }

    [Fact]
    public void Results_without_a_layer_name_none()
    {
        Assert.Null(ProcessResult.Modified.LayerName);
        Assert.Null(ProcessResult.ParseDrop(ParseError.Truncated).LayerName);
        Assert.Equal(ParseError.Truncated, ProcessResult.ParseDrop(ParseError.Truncated).ParseError);
        Assert.Equal(ProcessError.BadState, ProcessResult.Failed(ProcessError.BadState).ErrorKind);
        Assert.Null(ProcessResult.Dropped(DropReason.TcpError).LayerName);
    }

    [Fact]
    public void Same_name_gets_the_same_id()
    {
        ushort first = LayerNameRegistry.Register("result-test-same");
        Assert.Equal(first, LayerNameRegistry.Register("result-test-same"));
        Assert.NotEqual(LayerNameRegistry.None, first);
        Assert.Equal("result-test-same", LayerNameRegistry.NameOf(first));
        Assert.Null(LayerNameRegistry.NameOf(LayerNameRegistry.None));
    }
}

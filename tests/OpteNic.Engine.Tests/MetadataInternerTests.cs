using OpteNic.Engine.Metadata;

namespace OpteNic.Engine.Tests;

/// <summary>A full interner is a counted, reported result — never an exception from <see cref="MetadataInterner.TryIntern"/>.</summary>
public sealed class MetadataInternerTests
{
    [Fact]
    public void Full_interner_reports_full_counts_it_and_still_finds_known_strings()
    {
        var interner = new MetadataInterner(capacity: 3);
        Assert.Equal(MetadataInternResult.Ok, interner.TryIntern("a", out ushort a));
        Assert.Equal(MetadataInternResult.Ok, interner.TryIntern("b", out ushort b));
        Assert.Equal(MetadataInternResult.Ok, interner.TryIntern("c", out ushort c));
        Assert.Equal([1, 2, 3], new[] { a, b, c }.Select(id => (int)id));
        Assert.Equal(3, interner.Count);

        Assert.Equal(MetadataInternResult.Full, interner.TryIntern("d", out ushort d));
        Assert.Equal(0, d);
        Assert.Equal(MetadataInternResult.Full, interner.TryIntern("e", out _));
        Assert.Equal(2, interner.FullFailures);
        Assert.False(interner.TryGetId("d", out _));

        Assert.Equal(MetadataInternResult.Ok, interner.TryIntern("b", out ushort again));
        Assert.Equal(b, again);
        Assert.Equal(3, interner.Count);
    }

    [Fact]
    public void Default_interner_holds_65535_strings_then_reports_full()
    {
        var interner = new MetadataInterner();
        for (int i = 0; i < MetadataInterner.Capacity; i++)
        {
            Assert.Equal(MetadataInternResult.Ok, interner.TryIntern("v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
        }

        Assert.Equal(MetadataInternResult.Full, interner.TryIntern("one-too-many", out _));
        Assert.Equal(1, interner.FullFailures);
        Assert.Equal("v65534", interner.NameOf(ushort.MaxValue));
    }
}

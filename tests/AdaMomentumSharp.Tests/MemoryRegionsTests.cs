namespace AdaMomentumSharp.Tests;

public class MemoryRegionsTests
{
    [Fact]
    public void RequireWrittenDisjoint_WrittenRegionInsideAnEarlierLongOne_ThrowsNamingBoth()
    {
        // Sorted by start: a long read region, a short read one inside it, then a written one past the short one
        // but still inside the long one: only comparing neighbours would miss it.
        MemoryRegion[] regions =
        [
            new(1000, 8, "parameters", 0, Written: true),
            new(100, 400, "gradients", 0, Written: false),
            new(120, 8, "gradients", 1, Written: false),
            new(300, 8, "parameters", 1, Written: true),
        ];

        var e = Assert.Throws<ArgumentException>(() => MemoryRegions.RequireWrittenDisjoint(regions));

        Assert.StartsWith("parameters[1] overlaps gradients[0];", e.Message);
        Assert.Equal("parameters", e.ParamName);
    }

    [Fact]
    public void RequireWrittenDisjoint_ReadRegionInsideAnEarlierWrittenOne_Throws()
    {
        MemoryRegion[] regions =
        [
            new(100, 400, "parameters", 0, Written: true),
            new(120, 8, "gradients", 0, Written: false),
            new(300, 8, "gradients", 1, Written: false),
        ];

        var e = Assert.Throws<ArgumentException>(() => MemoryRegions.RequireWrittenDisjoint(regions));

        Assert.StartsWith("gradients[0] overlaps parameters[0];", e.Message);
    }

    [Fact]
    public void RequireWrittenDisjoint_SameStartAndLength_SaysSameMemoryNamingTheLaterInTheListFirst()
    {
        MemoryRegion[] regions = [new(200, 16, "parameters", 0, Written: true), new(200, 16, "parameters", 1, Written: true)];

        var e = Assert.Throws<ArgumentException>(() => MemoryRegions.RequireWrittenDisjoint(regions));

        Assert.StartsWith("parameters[1] is the same memory as parameters[0];", e.Message);
    }

    /// <summary>
    /// Gradients share memory, parameters touch end to end, a null and an empty region lie inside them: all allowed.
    /// One more byte of parameters[0] is refused, and only that.
    /// </summary>
    [Theory]
    [InlineData(16, null)]
    [InlineData(17, "parameters[1] overlaps parameters[0];")]
    public void RequireWrittenDisjoint_ReadRegionsMayShareMemoryWrittenOnesOnlyTouch(long firstParameterBytes, string? error)
    {
        MemoryRegion[] regions =
        [
            new(100, 16, "gradients", 0, Written: false),
            new(100, 16, "gradients", 1, Written: false),
            new(108, 16, "gradients", 2, Written: false),
            new(124, firstParameterBytes, "parameters", 0, Written: true),
            new(140, 16, "parameters", 1, Written: true),
            new(0, 16, "maxExpAvgSq", null, Written: true),
            new(130, 0, "parameters", 2, Written: true),
        ];

        Exception? e = Record.Exception(() => MemoryRegions.RequireWrittenDisjoint(regions));

        Assert.True(e is null or ArgumentException, e?.ToString());
        Assert.Equal(error, e is null ? null : e.Message[..(e.Message.IndexOf(';') + 1)]);
    }

    [Fact]
    public void RequireWrittenDisjoint_OneByteOverlap_Throws()
    {
        MemoryRegion[] regions = [new(100, 16, "gradients", null, Written: false), new(115, 16, "expAvg", null, Written: true)];

        var e = Assert.Throws<ArgumentException>(() => MemoryRegions.RequireWrittenDisjoint(regions));

        Assert.StartsWith("expAvg overlaps gradients;", e.Message);
        Assert.Equal("expAvg", e.ParamName);
    }
}

namespace AdaMomentumSharp.Tests;

public class ElementSlicesTests
{
    [Theory]
    [InlineData(10, 8, 24, new[] { 3, 3, 3, 1 })]
    [InlineData(10, 8, 100, new[] { 10 })]
    [InlineData(3, 8, 1, new[] { 1, 1, 1 })]
    [InlineData(0, 4, 16, new int[0])]
    public void Of_CutsWholeElementsOfAtMostTheChunk(int length, int elementBytes, int chunkBytes, int[] counts)
    {
        Range[] slices = ElementSlices.Of(length, elementBytes, chunkBytes).ToArray();

        Assert.Equal(counts, slices.Select(s => s.GetOffsetAndLength(length).Length).ToArray());
        AssertContiguous(slices, length);
    }

    /// <summary>
    /// The largest arrays .NET allows: 16 GiB of doubles in 1 MiB slices, the last one short. Counting with
    /// start + perSlice would overflow int here and never end.
    /// </summary>
    [Theory]
    [InlineData(sizeof(double))]
    [InlineData(sizeof(float))]
    public void Of_LargestArray_CoversItExactlyWithoutOverflowing(int elementBytes)
    {
        int perSlice = (1 << 20) / elementBytes;

        Range[] slices = ElementSlices.Of(Array.MaxLength, elementBytes, 1 << 20).ToArray();

        Assert.Equal(((long)Array.MaxLength + perSlice - 1) / perSlice, slices.Length);
        Assert.Equal(Array.MaxLength % perSlice, slices[^1].GetOffsetAndLength(Array.MaxLength).Length);
        AssertContiguous(slices, Array.MaxLength);
    }

    private static void AssertContiguous(Range[] slices, int length)
    {
        int next = 0;
        foreach (Range slice in slices)
        {
            (int offset, int count) = slice.GetOffsetAndLength(length);
            Assert.Equal(next, offset);
            Assert.True(count > 0);
            next = offset + count;
        }
        Assert.Equal(length, next);
    }
}

namespace AdaMomentumSharp;

/// <summary>
/// Splits an array into consecutive ranges of whole elements, each of at most <c>chunkBytes</c> (but at least one
/// element), so that a state's arrays reach the stream through byte views of bounded size: a span of more than
/// 2 GiB has no byte view at all.
/// </summary>
internal static class ElementSlices
{
    public static IEnumerable<Range> Of(int length, int elementBytes, int chunkBytes)
    {
        int perSlice = Math.Max(1, chunkBytes / elementBytes);
        // Advance by the slice just taken, never past the end: start + perSlice can overflow int near Array.MaxLength.
        for (int start = 0; start < length;)
        {
            int count = Math.Min(perSlice, length - start);
            yield return new Range(start, start + count);
            start += count;
        }
    }
}

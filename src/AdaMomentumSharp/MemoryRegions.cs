namespace AdaMomentumSharp;

/// <summary>
/// Memory a step touches: where it starts, how many bytes, which argument it is (with its position when the argument
/// is a list, as in <c>parameters[1]</c>), and whether the step writes it.
/// </summary>
internal readonly record struct MemoryRegion(nint Start, long ByteLength, string Argument, int? Index, bool Written)
{
    public long End => Start + ByteLength;

    public string Name => Index is int i ? $"{Argument}[{i}]" : Argument;
}

/// <summary>Refuses steps whose buffers share memory in a way that would make the result depend on the loop's order.</summary>
internal static class MemoryRegions
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming two regions that share memory when either is written. Regions
    /// that are only read (gradients) may share memory; empty regions share none.
    /// </summary>
    public static void RequireWrittenDisjoint(MemoryRegion[] regions)
    {
        // In order of start address (ties in list order), a region overlaps an earlier one exactly when it starts
        // before the furthest end so far: of any earlier region if it is written, of an earlier written one if not.
        int[] order = Enumerable.Range(0, regions.Length).ToArray();
        Array.Sort(order, (a, b) => regions[a].Start != regions[b].Start ? regions[a].Start.CompareTo(regions[b].Start) : a.CompareTo(b));
        MemoryRegion? furthest = null, furthestWritten = null;
        foreach (int i in order)
        {
            MemoryRegion region = regions[i];
            if (region.Start == 0 || region.ByteLength == 0)
            {
                continue;
            }
            if ((region.Written ? furthest : furthestWritten) is { } earlier && earlier.End > region.Start)
            {
                throw Overlap(region, earlier);
            }
            furthest = Furthest(furthest, region);
            furthestWritten = region.Written ? Furthest(furthestWritten, region) : furthestWritten;
        }
    }

    private static MemoryRegion Furthest(MemoryRegion? current, MemoryRegion candidate) =>
        current is { } c && c.End >= candidate.End ? c : candidate;

    private static ArgumentException Overlap(MemoryRegion region, MemoryRegion earlier)
    {
        string relation = region.Start == earlier.Start && region.ByteLength == earlier.ByteLength ? "is the same memory as" : "overlaps";
        return new ArgumentException(
            $"{region.Name} {relation} {earlier.Name}; memory a step writes must not be shared with any other buffer of the step.",
            region.Argument);
    }
}

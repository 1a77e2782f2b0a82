namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// The generator that shuffles one epoch's training data, derived from (seed, epoch) alone: a resumed run draws
/// epoch e's order without replaying, or saving, the draws of the epochs before it.
/// </summary>
internal static class EpochShuffle
{
    public static Random For(int seed, int epoch)
    {
        // SplitMix64's finalizer: neighbouring (seed, epoch) pairs get unrelated generators.
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random((int)(z & int.MaxValue));
    }
}

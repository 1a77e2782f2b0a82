// TorchSharp's random generator is process-wide: tests that seed it and build models must not interleave, or the
// "same seed, same numbers" guarantee they check would depend on which other test drew numbers in between.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace AdaMomentumSharp.Tests;

/// <summary>
/// Buffers described by resolved <see cref="StepCoefficients{T}"/>: how the TorchSharp package steps every optimizer of
/// the family through the one fused loop.
/// </summary>
public unsafe class KernelCoefficientBufferTests
{
    [Fact]
    public void RoundedFrom_OfTheDoubleResolution_IsTheFloatResolution_ForEveryOptionCombination()
    {
        foreach (AdaMomentumOptions options in OptionCombinations.All())
            foreach (long step in (long[])[1, 4, 1000])
            {
                Assert.Equal(StepCoefficients<float>.For(options, step), StepCoefficients<float>.RoundedFrom(StepCoefficients<double>.For(options, step)));
            }
    }

    [Fact]
    public void ACoefficientBuffer_StepsBitForBitAsItsOptionsDo()
    {
        foreach (AdaMomentumOptions options in OptionCombinations.All().Where((_, i) => i % 3 == 0))
        {
            FloatState byOptions = FloatState.Random(1000, 1), byCoefficients = byOptions.Clone();
            float[] g = FloatState.Random(1000, 2).P;

            byOptions.Step(options, 3, g, 1);
            fixed (float* p = byCoefficients.P, m = byCoefficients.M, v = byCoefficients.V, vmax = byCoefficients.VMax, gp = g)
            {
                BufferStep<float>[] buffers = [new(StepCoefficients<float>.For(options, 3), p, gp, m, v, vmax, 1000)];
                Assert.True(AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Throw, 1));
            }

            byCoefficients.AssertBitIdentical(byOptions);
        }
    }

    /// <summary>
    /// Every operator the family's optimizers plug into the loop (decay, second-moment rule, maximum, update) has a SIMD
    /// and a scalar form that must round alike: one 1,000-element buffer runs the SIMD form (and a tail), the same
    /// elements as 1,000 one-element buffers run the scalar form only.
    /// </summary>
    [Theory]
    [MemberData(nameof(Operators))]
    public void EveryOperator_RoundsAlikeInItsSimdAndScalarForms(SecondMomentRule rule, UpdateKind kind, int maximum, bool addedDecay)
    {
        var c = new StepCoefficients<double>
        {
            Decay = addedDecay ? 1 : 0.999,
            DecayTerm = addedDecay ? -1e-3 : 0,
            GradientSign = 1,
            L2 = addedDecay ? 0 : 0.01,
            Beta1 = 0.9,
            OneMinusBeta1 = 0.1,
            Beta2 = 0.99,
            OneMinusBeta2 = 1 - 0.99,
            SecondMoment = rule,
            StoredEpsilon = maximum == 2 ? 0 : 1e-8,
            MaximumEpsilon = maximum == 2 ? 1e-8 : 0,
            TracksMaximum = maximum > 0,
            DividesByMaximum = maximum > 0,
            SqrtBiasCorrection2 = 0.3,
            DenominatorEpsilon = 1e-8,
            StepSize = 0.05,
            LowerBound = 0.01,
            UpperBound = 0.1,
            Kind = kind,
        };
        AssertSimdEqualsScalar(c);
        AssertSimdEqualsScalar(StepCoefficients<float>.RoundedFrom(c));
    }

    public static TheoryData<SecondMomentRule, UpdateKind, int, bool> Operators()
    {
        var data = new TheoryData<SecondMomentRule, UpdateKind, int, bool>();
        foreach (SecondMomentRule rule in Enum.GetValues<SecondMomentRule>())
            foreach (UpdateKind kind in Enum.GetValues<UpdateKind>())
                foreach (int maximum in (int[])[0, 1, 2])
                    foreach (bool addedDecay in (bool[])[false, true])
                    {
                        data.Add(rule, kind, maximum, addedDecay);
                    }
        return data;
    }

    [Fact]
    public void ACoefficientBuffer_WithAnUndefinedKind_IsRefused_ChangingNothing()
    {
        FloatState state = FloatState.Random(16, 1), before = state.Clone();
        float[] g = FloatState.Random(16, 2).P;
        fixed (float* p = state.P, m = state.M, v = state.V, gp = g)
        {
            BufferStep<float>[] buffers = [new(new StepCoefficients<float> { Kind = (UpdateKind)9 }, p, gp, m, v, null, 16)];

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Ignore, 1));

            Assert.Equal("buffers[0].Coefficients", e.ParamName);
        }
        state.AssertBitIdentical(before);
    }

    [Fact]
    public void ACoefficientBuffer_ThatTracksAMaximum_WithoutOne_IsRefused()
    {
        FloatState state = FloatState.Random(16, 1);
        float[] g = FloatState.Random(16, 2).P;
        fixed (float* p = state.P, m = state.M, v = state.V, gp = g)
        {
            BufferStep<float>[] buffers = [new(new StepCoefficients<float> { TracksMaximum = true }, p, gp, m, v, null, 16)];

            var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.Validate<float>(buffers));

            Assert.Equal("buffers[0].MaxExpAvgSq", e.ParamName);
        }
    }

    private static void AssertSimdEqualsScalar<T>(StepCoefficients<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int n = 1000;
        var random = new Random(5);
        T[] Fill(double lo, double hi) => [.. Enumerable.Range(0, n).Select(i => T.CreateTruncating(i % 9 == 4 ? 0 : lo + (hi - lo) * random.NextDouble()))];
        T[] p = Fill(-1, 1), g = Fill(-3, 3), m = Fill(-0.5, 0.5), v = Fill(0, 2), vmax = Fill(0, 2);
        T[] p2 = [.. p], m2 = [.. m], v2 = [.. v], vmax2 = [.. vmax];
        fixed (T* pp = p, gp = g, mp = m, vp = v, xp = vmax, pp2 = p2, mp2 = m2, vp2 = v2, xp2 = vmax2)
        {
            BufferStep<T>[] whole = [new(c, pp, gp, mp, vp, xp, n)];
            var elements = new BufferStep<T>[n];
            for (int i = 0; i < n; i++)
            {
                elements[i] = new BufferStep<T>(c, pp2 + i, gp + i, mp2 + i, vp2 + i, xp2 + i, 1);
            }
            AdaMomentumKernel.StepMany<T>(whole, NonFiniteGradients.Throw, 1);
            AdaMomentumKernel.StepMany<T>(elements, NonFiniteGradients.Throw, 1);
        }
        foreach (var (name, simd, scalar) in new[] { ("p", p, p2), ("m", m, m2), ("v", v, v2), ("vmax", vmax, vmax2) })
        {
            for (int i = 0; i < n; i++)
            {
                Assert.True(simd[i].Equals(scalar[i]), $"{typeof(T).Name} {name}[{i}]: SIMD {simd[i]} vs scalar {scalar[i]}");
            }
        }
    }
}

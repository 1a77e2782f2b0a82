namespace AdaMomentumSharp.Tests;

/// <summary>The public many-buffer step: what the TorchSharp package, or any caller with its own tensors, steps through.</summary>
public unsafe class KernelStepManyTests
{
    private static readonly AdaMomentumOptions Options = new() { LearningRate = 0.01, Epsilon = 1e-8 };

    [Fact]
    public void StepMany_EqualsOneKernelStepPerBuffer_BitForBit_WithPerBufferOptionsAndSteps()
    {
        FloatState a = FloatState.Random(1000, 1), b = FloatState.Random(37, 2);
        FloatState aExpected = a.Clone(), bExpected = b.Clone();
        float[] ga = FloatState.Random(1000, 3).P, gb = FloatState.Random(37, 4).P;
        AdaMomentumOptions amsGrad = Options with { AmsGrad = true, Beta1 = 0.5 };

        fixed (float* pa = a.P, ma = a.M, va = a.V, gpa = ga, pb = b.P, mb = b.M, vb = b.V, xb = b.VMax, gpb = gb)
        {
            BufferStep<float>[] buffers =
            [
                new(Options, 1, pa, gpa, ma, va, null, 1000),
                new(amsGrad, 3, pb, gpb, mb, vb, xb, 37),
            ];
            Assert.True(AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Throw, 2));
        }
        aExpected.Step(Options, 1, ga, 1);
        bExpected.Step(amsGrad, 3, gb, 1);

        a.AssertBitIdentical(aExpected);
        b.AssertBitIdentical(bExpected);
    }

    [Fact]
    public void StepMany_WithABufferOverlappingAnotherBuffersParameters_ThrowsNamingBothAndChangesNothing()
    {
        FloatState a = FloatState.Random(64, 1), before = a.Clone();
        float[] g = FloatState.Random(64, 3).P, m2 = new float[32], v2 = new float[32];

        fixed (float* p = a.P, m = a.M, v = a.V, gp = g, pm2 = m2, pv2 = v2)
        {
            // The second buffer's parameters are a view of the first's second half.
            BufferStep<float>[] buffers = [new(Options, 1, p, gp, m, v, null, 64), new(Options, 1, p + 32, gp, pm2, pv2, null, 32)];

            var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Ignore, 1));
            Assert.Throws<ArgumentException>(() => AdaMomentumKernel.Validate<float>(buffers));

            Assert.Contains("parameters[1] overlaps parameters[0]", e.Message);
        }
        a.AssertBitIdentical(before);
    }

    [Fact]
    public void StepMany_WithAnInvalidOptionInTheLastBuffer_ChangesNoBuffer()
    {
        FloatState a = FloatState.Random(16, 1), b = FloatState.Random(16, 2), aBefore = a.Clone();
        float[] g = FloatState.Random(16, 3).P;

        fixed (float* pa = a.P, ma = a.M, va = a.V, pb = b.P, mb = b.M, vb = b.V, gp = g)
        {
            BufferStep<float>[] buffers = [new(Options, 1, pa, gp, ma, va, null, 16), new(Options with { Epsilon = 1e-50 }, 1, pb, gp, mb, vb, null, 16)];

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Throw, 1));

            Assert.Equal(nameof(AdaMomentumOptions.Epsilon), e.ParamName);
        }
        a.AssertBitIdentical(aBefore);
    }

    [Fact]
    public void StepMany_AmsGradWithoutMaximum_ThrowsNamingTheBufferAndPointer()
    {
        FloatState a = FloatState.Random(8, 1);
        fixed (float* p = a.P, m = a.M, v = a.V)
        {
            BufferStep<float>[] buffers = [new(Options with { AmsGrad = true }, 1, p, p + 0, m, v, null, 8)];

            var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.StepMany<float>(buffers, NonFiniteGradients.Ignore, 1));

            Assert.Equal("buffers[0].MaxExpAvgSq", e.ParamName);
        }
    }

    [Fact]
    public void FindNonFiniteGradient_ReturnsTheFirstInListOrder()
    {
        float[] g0 = new float[100], g1 = new float[100];
        g0[70] = float.PositiveInfinity;
        g1[3] = float.NaN;

        fixed (float* a = g0, b = g1)
        {
            BufferStep<float>[] buffers = [new(Options, 1, null, b, null, null, null, 100), new(Options, 1, null, a, null, null, null, 100)];
            BufferStep<float>[] clean = [new(Options, 1, null, b, null, null, null, 3)];

            Assert.Equal(new NonFiniteGradient(0, 3, double.NaN), AdaMomentumKernel.FindNonFiniteGradient<float>(buffers, 2));
            Assert.Null(AdaMomentumKernel.FindNonFiniteGradient<float>(clean, 1));
        }
    }
}

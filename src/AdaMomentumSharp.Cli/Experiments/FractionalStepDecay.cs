namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// The authors' CIFAR schedule (<c>CNN_CIFAR/utility/step_lr.py</c>): the learning rate is multiplied by 0.2 once
/// the 0-based epoch reaches 30 %, 60 % and 80 % of the epochs, so 200 epochs drop after epochs 60, 120 and 160.
/// </summary>
public static class FractionalStepDecay
{
    public const double Gamma = 0.2;

    /// <summary>The drops, in tenths of the run.</summary>
    public static readonly int[] Tenths = [3, 6, 8];

    /// <summary>The factor on the base learning rate for 0-based <paramref name="epoch"/> of <paramref name="epochs"/>: 0.2^(drops reached).</summary>
    public static double Factor(int epoch, int epochs) => Math.Pow(Gamma, Tenths.Count(tenths => 10L * epoch >= (long)tenths * epochs));
}

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// A learning rate multiplied by <see cref="Gamma"/> once the 0-based epoch reaches each of the given fractions of the
/// run, in thousandths so that the boundaries are exact integers: the authors' CIFAR schedule
/// (<c>CNN_CIFAR/utility/step_lr.py</c>: ×0.2 at 30 %, 60 % and 80 %, so 200 epochs drop after epochs 60, 120 and 160)
/// and their Penn Treebank one (<c>LSTM_Penn_Treebank/main.py</c>: ÷10 at epochs 100 and 145 of 200, i.e. 50 % and 72.5 %).
/// </summary>
internal sealed record FractionalStepDecay(double Gamma, int[] Thousandths)
{
    public static FractionalStepDecay Cifar { get; } = new(0.2, [300, 600, 800]);

    public static FractionalStepDecay PennTreebank { get; } = new(0.1, [500, 725]);

    /// <summary>The factor on the base learning rate for 0-based <paramref name="epoch"/> of <paramref name="epochs"/>: Gamma^(drops reached).</summary>
    public double Factor(int epoch, int epochs) => Math.Pow(Gamma, Thousandths.Count(t => 1000L * epoch >= (long)t * epochs));
}

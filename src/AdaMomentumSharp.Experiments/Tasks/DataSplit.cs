namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The three parts of every task's data: training, validation (for choosing learning rates) and test.</summary>
public enum DataSplit
{
    Train,
    Validation,
    Test,
}

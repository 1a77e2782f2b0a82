namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>The training settings a task family's recipe fixes for every optimizer.</summary>
/// <param name="WeightDecay">Weight decay handed to every optimizer.</param>
/// <param name="Eps">eps of the adaptive methods.</param>
/// <param name="LabelSmoothing">Label smoothing of the training loss (evaluation losses use none).</param>
/// <param name="GradientClipNorm">Clip the gradients' total norm to this before each step; 0 for no clipping.</param>
public sealed record TrainingDefaults(double WeightDecay, double Eps, double LabelSmoothing, double GradientClipNorm);

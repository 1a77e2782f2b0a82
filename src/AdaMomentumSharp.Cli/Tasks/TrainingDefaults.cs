namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>The training settings a task family's recipe fixes for every optimizer.</summary>
/// <param name="WeightDecay">Weight decay handed to every optimizer.</param>
/// <param name="Eps">eps of the adaptive methods.</param>
/// <param name="LabelSmoothing">Label smoothing of the training loss (evaluation losses use none).</param>
/// <param name="GradientClipNorm">Clip the gradients' total norm to this before each step; 0 for no clipping.</param>
/// <param name="Beta1">β1 of the adaptive methods.</param>
/// <param name="Beta2">β2 of the adaptive methods.</param>
public sealed record TrainingDefaults(double WeightDecay, double Eps, double LabelSmoothing, double GradientClipNorm, double Beta1 = 0.9, double Beta2 = 0.999);

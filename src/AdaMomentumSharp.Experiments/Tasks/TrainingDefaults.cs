namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The training settings a task family's recipe fixes for every optimizer.</summary>
/// <param name="WeightDecay">Weight decay handed to every optimizer (the authors' protocol may leave one without: <see cref="AuthorsSetting"/>).</param>
/// <param name="Eps">eps of the adaptive methods that the authors' scripts give no eps of their own.</param>
/// <param name="LabelSmoothing">Label smoothing of the training loss (evaluation losses use none).</param>
/// <param name="GradientClipNorm">Clip the gradients' total norm to this before each step; 0 for no clipping.</param>
/// <param name="Beta1">β1 of the adaptive methods.</param>
/// <param name="Beta2">β2 of the adaptive methods.</param>
/// <param name="ActivationRegularization">AWD-LSTM's AR: α · mean(dropped output²) of the last layer added to the training loss; 0 for none.</param>
/// <param name="TemporalActivationRegularization">AWD-LSTM's TAR: β · mean((h_t − h_{t−1})²) of the last layer's output added to the training loss; 0 for none.</param>
/// <param name="LrScaledByWindow">Scale the learning rate of each step by its window's length over the nominal BPTT length, as AWD-LSTM does for its variable windows.</param>
public sealed record TrainingDefaults(double WeightDecay, double Eps, double LabelSmoothing, double GradientClipNorm, double Beta1 = 0.9, double Beta2 = 0.999,
                                      double ActivationRegularization = 0, double TemporalActivationRegularization = 0, bool LrScaledByWindow = false);

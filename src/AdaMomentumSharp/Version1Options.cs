namespace AdaMomentumSharp;

/// <summary>
/// The options section of a version 1 state, at fixed positions:
/// <c>f64 lr, β1, β2, eps, wd   u8 flags (1 decoupled, 2 amsgrad, 4 maximize, 8 rectify)   u8 nonFiniteGradients</c>.
/// Version 1 had no FixedDecay nor DegeneratedToSgd; they take their defaults.
/// </summary>
internal static class Version1Options
{
    /// <summary>Reads the section: the options (not validated yet) and the optimizer's non-finite policy.</summary>
    public static (AdaMomentumOptions Options, NonFiniteGradients NonFiniteGradients) Read(StateReader reader)
    {
        double lr = reader.ReadDouble(), beta1 = reader.ReadDouble(), beta2 = reader.ReadDouble();
        double eps = reader.ReadDouble(), weightDecay = reader.ReadDouble();
        byte flags = reader.ReadByte();
        byte policy = reader.ReadByte();
        var options = new AdaMomentumOptions
        {
            LearningRate = lr,
            Beta1 = beta1,
            Beta2 = beta2,
            Epsilon = eps,
            WeightDecay = weightDecay,
            DecoupledWeightDecay = (flags & 1) != 0,
            AmsGrad = (flags & 2) != 0,
            Maximize = (flags & 4) != 0,
            Rectify = (flags & 8) != 0,
        };
        return (options, (NonFiniteGradients)policy);
    }
}

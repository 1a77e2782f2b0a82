namespace AdaMomentumSharp.Tests;

/// <summary>
/// An independent float64 AdaMomentum, written straight from the update rule in DEVELOPERS.md (and the
/// official code's rectified branch), element by element with no shared code from the library.
/// </summary>
public static class ReferenceAdaMomentum
{
    /// <summary>One step on one element. Returns the new (p, m, v, vmax).</summary>
    public static (double P, double M, double V, double VMax) Step(
        AdaMomentumOptions o, long t, double p, double grad, double m, double v, double vmax)
    {
        double g = o.Maximize ? -grad : grad;
        if (o.DecoupledWeightDecay)
        {
            p *= o.FixedDecay ? 1 - o.WeightDecay : 1 - o.LearningRate * o.WeightDecay;
        }
        else
        {
            g += o.WeightDecay * p;
        }

        m = o.Beta1 * m + (1 - o.Beta1) * g;
        // The official code adds eps into the stored v before it branches on rectification.
        v = o.Beta2 * v + (1 - o.Beta2) * m * m + o.Epsilon;
        if (o.AmsGrad)
        {
            vmax = Math.Max(vmax, v);
        }
        double bc1 = 1 - Math.Pow(o.Beta1, t);
        double bc2 = 1 - Math.Pow(o.Beta2, t);

        if (o.Rectify)
        {
            double rhoInf = 2 / (1 - o.Beta2) - 1;
            double rhoT = rhoInf - 2 * t * Math.Pow(o.Beta2, t) / bc2;
            if (rhoT >= 5)
            {
                double r = Math.Sqrt(bc2 * (rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) / bc1;
                p -= o.LearningRate * r * m / (Math.Sqrt(v) + o.Epsilon);
            }
            else if (o.DegeneratedToSgd)
            {
                p -= o.LearningRate * m / bc1;
            }
            return (p, m, v, vmax);
        }

        p -= o.LearningRate / bc1 * m / Math.Sqrt((o.AmsGrad ? vmax : v) / bc2);
        return (p, m, v, vmax);
    }

    /// <summary>
    /// PyTorch's Adam (eps after the square root), for the β1 = 0, eps = 0 cross-check.
    /// </summary>
    public static (double P, double M, double V) AdamStep(double lr, double beta1, double beta2, double eps,
                                                          long t, double p, double g, double m, double v)
    {
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        double bc1 = 1 - Math.Pow(beta1, t);
        double bc2 = 1 - Math.Pow(beta2, t);
        p -= lr / bc1 * m / (Math.Sqrt(v) / Math.Sqrt(bc2) + eps);
        return (p, m, v);
    }
}

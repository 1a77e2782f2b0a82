using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// A model's trainable parameters split by whether weight decay should reach them, as timm's
/// <c>weight_decay_exclude_1d</c> and pytorch-optimizer's <c>wd_ban_list</c> split them: biases and normalization
/// weights (every parameter of one dimension or fewer, and every parameter named <c>*.bias</c>) are not decayed, the
/// rest are. <see cref="Optimizers.Create(string, WeightDecayGroups, double, double, double?, double?, double?, double, NonFiniteGradients)"/>
/// turns the two lists into two parameter groups.
/// </summary>
/// <param name="Decayed">The parameters weight decay applies to.</param>
/// <param name="NotDecayed">The parameters it does not.</param>
public sealed record WeightDecayGroups(IReadOnlyList<Parameter> Decayed, IReadOnlyList<Parameter> NotDecayed)
{
    /// <summary>The trainable parameters of <paramref name="model"/>, split; parameters that do not require gradients are left out.</summary>
    /// <param name="model">The model.</param>
    /// <param name="notDecayed">Further parameter names (as <c>named_parameters()</c> gives them) to keep from weight decay, e.g. position embeddings.</param>
    public static WeightDecayGroups Of(nn.Module model, params string[] notDecayed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (decayed, exempt) = (new List<Parameter>(), new List<Parameter>());
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad)
            {
                continue;
            }
            bool excluded = parameter.dim() <= 1 || name.EndsWith(".bias", StringComparison.Ordinal) || name == "bias" || notDecayed.Contains(name);
            (excluded ? exempt : decayed).Add(parameter);
        }
        return new WeightDecayGroups(decayed, exempt);
    }
}

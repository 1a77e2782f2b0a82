using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>The all-or-nothing step: every check before the first write, then the derived optimizer's arithmetic.</summary>
public abstract partial class AdaptiveOptimizer<TOptions, TState>
{
    private string? stepping;

    /// <summary>
    /// One parameter due for an update in this step: its position in the optimizer's parameter order (for error
    /// messages), its gradient, its state, its group's options, and the tensors the update runs on.
    /// </summary>
    /// <param name="Index">The parameter's position, counting through every group.</param>
    /// <param name="Parameter">The parameter.</param>
    /// <param name="Gradient">Its gradient, checked to be dense and shaped, typed and placed like it.</param>
    /// <param name="State">Its state.</param>
    /// <param name="Options">Its group's options, validated.</param>
    /// <param name="Working">What the update writes: the parameter itself, or for float16 and bfloat16 a float32 copy written back after the step.</param>
    /// <param name="WorkingGradient">The gradient in <see cref="Working"/>'s dtype.</param>
    public sealed record ParameterStep(int Index, Parameter Parameter, Tensor Gradient, TState State, TOptions Options, Tensor Working, Tensor WorkingGradient)
    {
        /// <summary>The step number this update performs (1 for a parameter never stepped).</summary>
        public long Number => State.step + 1;

        internal static ParameterStep For(int index, Parameter parameter, Tensor gradient, TState state, TOptions options) =>
            MomentPrecision.SteppedInFloat32(parameter.dtype)
                ? new(index, parameter, gradient, state, options,
                      parameter.detach().to(ScalarType.Float32, copy: true), gradient.to(ScalarType.Float32, copy: true))
                : new(index, parameter, gradient, state, options, parameter, gradient);

        /// <summary>Counts the step and writes a float32 working copy back into its low-precision parameter (rounding once, to nearest).</summary>
        internal void Finish()
        {
            State.step = Number;
            if (!ReferenceEquals(Working, Parameter))
            {
                Parameter.copy_(Working);
            }
        }
    }

    /// <summary>
    /// Performs one step on every parameter that has a gradient (others are skipped, as in PyTorch). Every option,
    /// gradient and (unless <see cref="NonFiniteGradients.Ignore"/>) gradient value is checked before the first
    /// parameter or state changes.
    /// </summary>
    /// <param name="closure">Re-evaluates the model and returns the loss; run with gradients enabled.</param>
    /// <returns>The closure's loss, or null without a closure.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A group's option is invalid, or does not fit the parameter's arithmetic; nothing was updated.</exception>
    /// <exception cref="ArgumentException">A gradient's shape, dtype or device differs from its parameter's; nothing was updated.</exception>
    /// <exception cref="NotSupportedException">A gradient is sparse; nothing was updated.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is NaN or infinite under <see cref="NonFiniteGradients.Throw"/>; nothing was updated.</exception>
    /// <exception cref="InvalidOperationException">Another thread is stepping this optimizer.</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        ThrowIfDisposed();
        Tensor? loss = null;
        if (closure is not null)
        {
            using var enabled = torch.enable_grad();
            loss = closure();
        }

        // An optimizer is not thread-safe; a second thread must not interleave its writes with this step's.
        using (new ExclusiveUse(ref stepping, "step()", Name))
        {
            StepOnce();
        }
        return loss!;
    }

    private void StepOnce()
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            List<ParameterStep> steps = CollectSteps();
            try
            {
                Prepare(steps);
                PlanFusedStep(steps);
                if (NonFiniteGradients != NonFiniteGradients.Ignore && FindNonFinite(steps) is var (index, element, value))
                {
                    if (NonFiniteGradients == NonFiniteGradients.Throw)
                    {
                        throw new NonFiniteGradientException(index, element, value, "grad");
                    }
                    Abandon(steps);
                    LastStepSkipped = true;
                    SkippedSteps++;
                    return;
                }

                // Nothing below can fail on the inputs: everything was checked above.
                Apply(steps);
                steps.ForEach(s => s.Finish());
            }
            catch
            {
                Abandon(steps);
                throw;
            }
            finally
            {
                ReleaseFusedStep();
            }
        }
        LastStepSkipped = false;
    }

    /// <summary>
    /// Checks the steps further before anything is written (the arithmetic's own limits, say) and prepares what
    /// <see cref="Apply"/> needs; anything it allocates for the state is released by <see cref="Abandon"/> if the step is refused.
    /// </summary>
    protected virtual void Prepare(IReadOnlyList<ParameterStep> steps)
    {
    }

    /// <summary>Releases what <see cref="Prepare"/> allocated when the step is refused or skipped.</summary>
    protected virtual void Abandon(IReadOnlyList<ParameterStep> steps)
    {
    }

    /// <summary>
    /// One parameter's update, by step <see cref="ParameterStep.Number"/>, on <see cref="ParameterStep.Working"/> and the
    /// state's moments; the step count is advanced afterwards. Runs inside <c>no_grad</c> and a dispose scope. A Scalar
    /// passed to a native call must be kept alive to the end (<c>using Scalar s = x.ToScalar()</c>).
    /// </summary>
    protected abstract void Update(ParameterStep step);

    /// <summary>Every parameter with a gradient, each checked before the next.</summary>
    private List<ParameterStep> CollectSteps()
    {
        var steps = new List<ParameterStep>();
        int index = 0;
        foreach (TorchSharp.Modules.ParamGroup group in _parameter_groups)
        {
            var options = (TOptions)group.Options;
            options.Validate();
            foreach (Parameter p in group.Parameters)
            {
                if (p.IsInvalid)
                {
                    ParameterChecks.RequireSteppable(p, $"Parameter {index}", Name);
                }
                Tensor? grad = p.grad;
                if (grad is not null)
                {
                    var state = (TState)_state[p.Handle];
                    ParameterChecks.RequireStateFits(p, state, index, Name);
                    ParameterChecks.RequireGradientFits(p, grad, index, Name);
                    ParameterChecks.RequireCountable(state, index);
                    steps.Add(ParameterStep.For(index, p, grad, state, options));
                }
                index++;
            }
        }
        return steps;
    }
}

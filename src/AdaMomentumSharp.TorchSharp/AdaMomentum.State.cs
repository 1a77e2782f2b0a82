using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>Per-parameter state: the step count and the moments, shaped and typed like the parameter.</summary>
    public sealed class State : OptimizerState, IDisposable
    {
        /// <summary>Steps applied to this parameter so far.</summary>
        public long step;

        /// <summary>First moment m.</summary>
        public Tensor exp_avg = null!;

        /// <summary>Second moment v (the average of squared momentum).</summary>
        public Tensor exp_avg_sq = null!;

        /// <summary>Running maximum of v; null unless AMSGrad.</summary>
        public Tensor? max_exp_avg_sq;

        /// <summary>Creates an uninitialized state for <paramref name="parameter"/>.</summary>
        public State(Parameter parameter)
            : base(parameter)
        {
        }

        internal Parameter Parameter => _parameter;

        /// <summary>Where the fused step last found the moments' memory; see <see cref="MomentMemory"/>.</summary>
        internal MomentMemory? FusedMemory { get; set; }

        /// <summary>Disposes the moment tensors.</summary>
        public void Dispose()
        {
            FusedMemory = null;
            exp_avg?.Dispose();
            exp_avg_sq?.Dispose();
            max_exp_avg_sq?.Dispose();
        }

        /// <summary>Zeroes the step count and the moments (the maximum only with AMSGrad).</summary>
        public override void Initialize(OptimizerOptions options)
        {
            Dispose();
            step = 0;
            exp_avg = ZeroMoment();
            exp_avg_sq = ZeroMoment();
            max_exp_avg_sq = ((Options)options).amsgrad == true ? ZeroMoment() : null;
        }

        /// <summary>A zero moment for this parameter: its shape and device, in <see cref="MomentPrecision.MomentDtype"/>.</summary>
        internal Tensor ZeroMoment() =>
            torch.zeros_like(_parameter, dtype: MomentPrecision.MomentDtype(_parameter.dtype)).DetachFromDisposeScope();

        /// <summary>Moves the moments to <paramref name="device"/>.</summary>
        public override void to(Device device)
        {
            exp_avg = exp_avg.to(device, disposeAfter: true).DetachFromDisposeScope();
            exp_avg_sq = exp_avg_sq.to(device, disposeAfter: true).DetachFromDisposeScope();
            max_exp_avg_sq = max_exp_avg_sq?.to(device, disposeAfter: true).DetachFromDisposeScope();
        }

        /// <summary>Writes step, m, v and (flagged) vmax in TorchSharp's layout.</summary>
        public override void SaveStateDict(BinaryWriter writer)
        {
            writer.Write(step);
            exp_avg.Save(writer);
            exp_avg_sq.Save(writer);
            SaveConditionalStateTensor(writer, max_exp_avg_sq);
        }

        /// <summary>
        /// Reads a state in TorchSharp's layout (<see cref="SaveStateDict(BinaryWriter)"/>) into new tensors, checking
        /// each moment's dtype and shape against the parameter before allocating it, and replacing nothing until all are read.
        /// </summary>
        /// <exception cref="InvalidDataException">The stream's state does not fit this parameter.</exception>
        public override void LoadStateDict(BinaryReader reader) => Load(reader, MomentLayout.TorchSharp);

        private void Load(BinaryReader reader, MomentLayout layout)
        {
            long loadedStep = reader.ReadInt64();
            if (loadedStep < 0 || loadedStep == long.MaxValue)
            {
                throw new InvalidDataException(
                    $"The checkpoint's step count {loadedStep} is outside 0 to {long.MaxValue - 1}: the next step could not count it.");
            }
            Tensor? m = null, v = null, max = null;
            try
            {
                m = ReadMoment(reader, "exp_avg", layout);
                v = ReadMoment(reader, "exp_avg_sq", layout);
                max = CheckpointPrimitives.ReadFlag(reader, "max_exp_avg_sq flag") ? ReadMoment(reader, "max_exp_avg_sq", layout) : null;
            }
            catch
            {
                m?.Dispose();
                v?.Dispose();
                max?.Dispose();
                throw;
            }
            Dispose();
            (step, exp_avg, exp_avg_sq, max_exp_avg_sq) = (loadedStep, m, v, max);
        }

        /// <summary>Bytes <see cref="WriteVersioned"/> writes.</summary>
        internal long VersionedSize =>
            sizeof(long) + MomentEncoding.SizeOf(exp_avg) + MomentEncoding.SizeOf(exp_avg_sq) + sizeof(bool) +
            (max_exp_avg_sq is null ? 0 : MomentEncoding.SizeOf(max_exp_avg_sq));

        /// <summary>Writes step, m, v and (flagged) vmax for the versioned checkpoint; see <see cref="MomentEncoding"/>.</summary>
        internal void WriteVersioned(BinaryWriter writer)
        {
            writer.Write(step);
            MomentEncoding.Write(writer, exp_avg);
            MomentEncoding.Write(writer, exp_avg_sq);
            writer.Write(max_exp_avg_sq is not null);
            if (max_exp_avg_sq is not null)
            {
                MomentEncoding.Write(writer, max_exp_avg_sq);
            }
        }

        /// <summary>Reads a state written by <see cref="WriteVersioned"/>, as <see cref="LoadStateDict(BinaryReader)"/> does.</summary>
        internal void LoadVersioned(BinaryReader reader) => Load(reader, MomentLayout.Versioned);

        /// <summary>Copies another AdaMomentum state (checked first by the optimizer).</summary>
        public override void LoadStateDict(OptimizerState source)
        {
            var other = (State)source;
            Tensor m = other.exp_avg.to(_parameter.device, copy: true).DetachFromDisposeScope();
            Tensor v = other.exp_avg_sq.to(_parameter.device, copy: true).DetachFromDisposeScope();
            Tensor? max = other.max_exp_avg_sq?.to(_parameter.device, copy: true).DetachFromDisposeScope();
            Dispose();
            (step, exp_avg, exp_avg_sq, max_exp_avg_sq) = (other.step, m, v, max);
        }

        /// <summary>True when both states hold the same step and (to allclose) the same moments.</summary>
        public override bool ApproximatelyEquals(OptimizerState other) =>
            other is State rhs && step == rhs.step && exp_avg.allclose(rhs.exp_avg) && exp_avg_sq.allclose(rhs.exp_avg_sq) &&
            (max_exp_avg_sq is null) == (rhs.max_exp_avg_sq is null) && (max_exp_avg_sq is null || max_exp_avg_sq.allclose(rhs.max_exp_avg_sq!));

        /// <summary>Why <paramref name="other"/> cannot be loaded into this state, or null when it can.</summary>
        internal string? Incompatibility(OptimizerState other)
        {
            if (other is not State rhs)
            {
                return $"it is a {other.GetType().FullName}, not an AdaMomentum state";
            }
            if (rhs.step < 0 || rhs.step == long.MaxValue)
            {
                return $"its step count {rhs.step} is outside 0 to {long.MaxValue - 1}";
            }
            if (rhs.exp_avg is null || rhs.exp_avg.IsInvalid || rhs.exp_avg_sq is null || rhs.exp_avg_sq.IsInvalid ||
                rhs.max_exp_avg_sq is { IsInvalid: true })
            {
                return "its moment tensors were disposed (or never created)";
            }
            return Mismatch(rhs.exp_avg, "exp_avg") ?? Mismatch(rhs.exp_avg_sq, "exp_avg_sq") ??
                   (rhs.max_exp_avg_sq is null ? null : Mismatch(rhs.max_exp_avg_sq, "max_exp_avg_sq"));
        }

        private Tensor ReadMoment(BinaryReader reader, string name, MomentLayout layout) =>
            MomentEncoding.Read(reader, layout, name, MomentPrecision.MomentDtype(_parameter.dtype), _parameter.shape)
                .to(_parameter.device, disposeAfter: true).DetachFromDisposeScope();

        /// <summary>True when a moment tensor was disposed behind the optimizer's back.</summary>
        internal bool MomentsDisposed => exp_avg.IsInvalid || exp_avg_sq.IsInvalid || max_exp_avg_sq is { IsInvalid: true };

        /// <summary>
        /// Why this state cannot be stepped with its parameter as the parameter is now (resized, converted or moved in
        /// place since the last step, or disposed), or null when it can.
        /// </summary>
        internal string? StaleAgainstParameter()
        {
            string? why = Mismatch(exp_avg, "exp_avg") ?? Mismatch(exp_avg_sq, "exp_avg_sq") ??
                          (max_exp_avg_sq is null ? null : Mismatch(max_exp_avg_sq, "max_exp_avg_sq"));
            if (why is null && (exp_avg.device_type != _parameter.device_type || exp_avg.device_index != _parameter.device_index))
            {
                why = $"exp_avg is on {exp_avg.device} but the parameter is on {_parameter.device}";
            }
            return why is null ? null : $"no longer fits its state: {why} (was it resized, converted or moved in place?)";
        }

        private string? Mismatch(Tensor moment, string name)
        {
            ScalarType expected = MomentPrecision.MomentDtype(_parameter.dtype);
            if (moment.dtype != expected || !moment.shape.SequenceEqual(_parameter.shape))
            {
                return $"{name} is {moment.dtype} [{string.Join(", ", moment.shape)}] but this parameter's moments are " +
                       $"{expected} [{string.Join(", ", _parameter.shape)}]";
            }
            return null;
        }
    }
}

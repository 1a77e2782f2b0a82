using System.Runtime.CompilerServices;
using TorchSharp.Modules;

namespace AdaMomentumSharp;

/// <summary>
/// One parameter group's hyperparameters, held by PyTorch name as the optimizer's option table
/// (<see cref="Table"/>) lists them. Unset (null) values take the optimizer's defaults when the group is added; every
/// value is validated again at each step, so a scheduler or user that sets an invalid value gets an error before any
/// parameter changes.
/// </summary>
/// <remarks>
/// <c>lr</c> is TorchSharp's <see cref="OptimizerOptions.LearningRate"/>, for schedulers. A derived class spells each
/// other option as a property with <see cref="Number"/>, <see cref="Flag"/> and <see cref="Set(double?, string)"/>,
/// which find the value by the property's name (<see cref="AdamOptions"/> spells the ones every Adam-shaped optimizer has).
/// </remarks>
public abstract class AdaptiveOptions : OptimizerOptions
{
    private const string LearningRateName = "lr";

    private readonly double?[] values;
    private readonly Dictionary<string, int> positions;

    /// <param name="table">The optimizer's options; it must contain <c>lr</c>, <c>beta1</c>, <c>beta2</c>, <c>eps</c> and <c>weight_decay</c>.</param>
    protected AdaptiveOptions(IReadOnlyList<AdaptiveOption> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        positions = table.Select((option, i) => (option.Name, i)).ToDictionary();
        values = new double?[table.Count];
    }

    /// <summary>Every option these values are for, in checkpoint order.</summary>
    public IReadOnlyList<AdaptiveOption> Table { get; }

    /// <summary>The value of the option called <paramref name="name"/> (a flag's as 0 or 1), or null when unset.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such option.</exception>
    public double? this[string name]
    {
        get => name == LearningRateName ? LearningRate : values[Position(name)];
        set
        {
            if (name == LearningRateName)
            {
                LearningRate = value;
            }
            else
            {
                values[Position(name)] = value;
            }
        }
    }

    /// <summary>Copies every hyperparameter from another options record of the same optimizer.</summary>
    public override void LoadStateDict(OptimizerOptions source)
    {
        base.LoadStateDict(source);
        ((AdaptiveOptions)source).values.CopyTo(values, 0);
    }

    /// <summary>
    /// Writes the learning rates, then every other option in table order (TorchSharp's layout, which
    /// <c>OptimizerHelper.save_state_dict</c> writes); the optimizer's own <c>save_state_dict</c> writes the versioned
    /// checkpoint, which carries every option by name.
    /// </summary>
    public override void SaveStateDict(BinaryWriter writer) => CheckpointOptions.WriteTorchSharpLayout(writer, this, TorchSharpLayout);

    /// <summary>Reads the hyperparameters in the order <see cref="SaveStateDict(BinaryWriter)"/> writes them; the group changes only if every value read is valid.</summary>
    /// <exception cref="InvalidDataException">A value read is out of range, or a flag is neither 0 nor 1.</exception>
    public override void LoadStateDict(BinaryReader reader)
    {
        var read = (AdaptiveOptions)Activator.CreateInstance(GetType())!;
        CheckpointOptions.ReadTorchSharpLayout(reader, read, TorchSharpLayout);
        read.RequireValidFromCheckpoint("a group");
        LoadStateDict(read);
    }

    /// <summary>The options TorchSharp's layout holds, in its order, after <c>initial_lr</c>; every option unless overridden.</summary>
    internal virtual IReadOnlyList<string> TorchSharpLayout => [.. Table.Select(o => o.Name)];

    /// <summary>Fills every unset value from <paramref name="defaults"/>.</summary>
    internal void FillFrom(AdaptiveOptions defaults)
    {
        foreach (AdaptiveOption option in Table)
        {
            this[option.Name] ??= defaults[option.Name];
        }
    }

    /// <summary>Sets every option to its table default.</summary>
    internal void SetDefaults()
    {
        foreach (AdaptiveOption option in Table)
        {
            this[option.Name] = option.Default;
        }
    }

    /// <summary>
    /// Checks every option against its rule, in table order; the first failure names PyTorch's argument, its value and the rule.
    /// </summary>
    /// <exception cref="ArgumentNullException">An option is unset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        foreach (AdaptiveOption option in Table)
        {
            double value = this[option.Name] ?? throw new ArgumentNullException(option.Name,
                $"{option.Name} is null; every option of a group must have a value (set it, or leave the group's value the optimizer filled in).");
            option.Check(value);
        }
    }

    /// <summary>Checks options read from a checkpoint as <see cref="Validate"/> does, and the initial learning rate.</summary>
    /// <param name="group">Which group they are, for the message: "group 2".</param>
    /// <exception cref="InvalidDataException">A value is out of range or unset.</exception>
    internal void RequireValidFromCheckpoint(string group)
    {
        try
        {
            Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The checkpoint's {group} holds an invalid hyperparameter: {e.Message}", e);
        }
        if (!(double.IsFinite(InitialLearningRate) && InitialLearningRate >= 0))
        {
            throw new InvalidDataException($"The checkpoint's {group} holds initial_lr = {InitialLearningRate}; it must be finite and ≥ 0.");
        }
    }

    /// <summary>The number held under the calling property's name.</summary>
    protected double? Number([CallerMemberName] string name = "") => values[Position(name)];

    /// <summary>The flag held under the calling property's name.</summary>
    protected bool? Flag([CallerMemberName] string name = "") => values[Position(name)] is double value ? value != 0 : null;

    /// <summary>Sets the number held under the calling property's name.</summary>
    protected void Set(double? value, [CallerMemberName] string name = "") => values[Position(name)] = value;

    /// <summary>Sets the flag held under the calling property's name.</summary>
    protected void Set(bool? value, [CallerMemberName] string name = "") => values[Position(name)] = value is bool flag ? (flag ? 1 : 0) : null;

    private int Position(string name) =>
        positions.TryGetValue(name, out int position) ? position : throw new KeyNotFoundException(
            $"{GetType().FullName} has no option named '{name}'; the options are {string.Join(", ", Table)}.");
}

namespace AdaMomentumSharp;

/// <summary>One option as a saved state carries it: the name it is saved under, and how its value is written and read.</summary>
internal sealed class SavedOption
{
    private readonly Action<StateWriter, AdaMomentumOptions> write;
    private readonly Func<StateReader, AdaMomentumOptions, AdaMomentumOptions> read;

    private SavedOption(string name, Action<StateWriter, AdaMomentumOptions> write, Func<StateReader, AdaMomentumOptions, AdaMomentumOptions> read)
    {
        Name = name;
        this.write = write;
        this.read = read;
    }

    public string Name { get; }

    /// <summary>A <see cref="double"/> option, saved as f64.</summary>
    public static SavedOption Number(string name, Func<AdaMomentumOptions, double> get, Func<AdaMomentumOptions, double, AdaMomentumOptions> set) =>
        new(name, (writer, options) => writer.WriteDouble(get(options)), (reader, options) => set(options, reader.ReadDouble()));

    /// <summary>A <see cref="bool"/> option, saved as a u8 that is 0 or 1.</summary>
    public static SavedOption Flag(string name, Func<AdaMomentumOptions, bool> get, Func<AdaMomentumOptions, bool, AdaMomentumOptions> set) =>
        new(name, (writer, options) => writer.WriteBoolean(get(options)), (reader, options) => set(options, reader.ReadBoolean($"option {name}")));

    /// <summary>An enum option, saved as the i32 of its value; <see cref="AdaMomentumOptions.Validate"/> refuses undefined values.</summary>
    public static SavedOption Choice(string name, Func<AdaMomentumOptions, int> get, Func<AdaMomentumOptions, int, AdaMomentumOptions> set) =>
        new(name, (writer, options) => writer.WriteInt32(get(options)), (reader, options) => set(options, reader.ReadInt32()));

    public void Write(StateWriter writer, AdaMomentumOptions options) => write(writer, options);

    /// <summary>Reads the value and returns <paramref name="options"/> with it set.</summary>
    public AdaMomentumOptions Read(StateReader reader, AdaMomentumOptions options) => read(reader, options);
}

using System.IO.Hashing;
using System.Text;

namespace AdaMomentumSharp.Tests;

/// <summary>
/// Version 2 state bytes of a double optimizer, written field by field as the format's documentation lays them
/// out, without the library's writer, so that tests check the library against the documented layout.
/// </summary>
internal static class HandWrittenState
{
    /// <summary>One (name, value) pair of the options section.</summary>
    public sealed record Option(string Name, Action<BinaryWriter> WriteValue);

    public static Option Number(string name, double value) => new(name, w => w.Write(value));

    public static Option Flag(string name, bool value) => new(name, w => w.Write(value ? (byte)1 : (byte)0));

    public static Option Choice(string name, int value) => new(name, w => w.Write(value));

    /// <summary>Every option of <paramref name="o"/>, in the order the library's table lists them.</summary>
    public static Option[] AllOptions(AdaMomentumOptions o, NonFiniteGradients nonFiniteGradients) =>
    [
        .. AdaMomentumOptions.All.Select(option => option.Kind == OptionKind.Flag
            ? Flag(option.Name, option.Get(o) != 0)
            : Number(option.Name, option.Get(o))),
        Choice("NonFiniteGradients", (int)nonFiniteGradients),
    ];

    /// <summary>A whole state; each buffer is m, v and (or null) vmax.</summary>
    public static byte[] Version2(IReadOnlyList<Option> options, long stepCount, params (double[] M, double[] V, double[]? Max)[] buffers)
    {
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("AMOMSTAT"u8);
            w.Write(2u);
            w.Write((byte)sizeof(double));
            w.Write((long)options.Count);
            foreach (Option option in options)
            {
                byte[] name = Encoding.UTF8.GetBytes(option.Name);
                w.Write((long)name.Length);
                w.Write(name);
                option.WriteValue(w);
            }
            w.Write(stepCount);
            w.Write((long)buffers.Length);
            foreach ((double[] m, double[] v, double[]? max) in buffers)
            {
                w.Write((long)m.Length);
                w.Write(max is null ? (byte)0 : (byte)1);
                foreach (double x in m.Concat(v).Concat(max ?? []))
                {
                    w.Write(x);
                }
            }
        }
        byte[] bytes = body.ToArray();
        return [.. bytes, .. XxHash3.Hash(bytes)];
    }
}

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// How to start this CLI again, as it was started now, by absolute paths: its apphost (which an installed .NET tool's
/// shim also is), or `dotnet` with its assembly. Local workers and the Slurm scripts run it this way, so a compute node
/// that sees the same folders runs the same build.
/// </summary>
public static class SelfInvocation
{
    public static IReadOnlyList<string> Command()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("This process cannot tell which executable it runs; start adamomentum by its path.");
        // Under `dotnet adamomentum.dll` the assembly to name is the entry one, the CLI's, not this library's.
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.GetFullPath(System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry
                ? entry
                : throw new InvalidOperationException("This process cannot tell which assembly `dotnet` runs; start adamomentum by its path."))]
            : [process];
    }
}

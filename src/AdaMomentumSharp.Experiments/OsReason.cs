namespace AdaMomentumSharp.Experiments;

/// <summary>Why the operating system refused a file operation, in its own words ("Permission denied", "Read-only file system").</summary>
public static class OsReason
{
    /// <summary>
    /// .NET wraps the system's message (strerror) in one of its own that names the path, a probe file's where a command
    /// probes: the inner message is the system's, when there is one.
    /// </summary>
    public static string Of(Exception exception) => (exception.InnerException ?? exception).Message.Split(" : ")[0].TrimEnd('.');
}

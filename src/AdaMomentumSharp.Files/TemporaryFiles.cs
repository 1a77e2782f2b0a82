using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AdaMomentumSharp.Files;

/// <summary>
/// Names the temporary file of an <see cref="AtomicFile"/> write so that a later write of the same target can tell
/// its leftovers from a live writer's: <c>.{target's name}.{host}.{process id}.{8 hex digits}.tmp</c>, the target's
/// name cut to 32 characters and both names reduced to letters, digits, '.', '-' and '_'.
/// </summary>
/// <remarks>
/// A writer killed between creating its temporary file and renaming it (kill -9, power loss) leaves the file behind.
/// The next write of that target deletes the ones named after this host and a process that no longer runs, and no
/// other: a live process's file, this process's own (another thread may be writing it) and another host's on a
/// shared folder stay. A process id the system has since given to a new process keeps its leftover until that
/// process ends too.
/// </remarks>
internal static partial class TemporaryFiles
{
    private const int PrefixLength = 32;
    private const int HostLength = 64;

    private static readonly string Host = Portable(Environment.MachineName, HostLength);

    /// <summary>A new temporary name beside <paramref name="target"/>, a full path; the random part keeps threads apart.</summary>
    public static string For(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!,
            $"{OwnPrefix(target)}{Environment.ProcessId}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp");

    /// <summary>
    /// Deletes the temporary files that writers of <paramref name="target"/> on this host left when they died. Best
    /// effort: a leftover that cannot be listed or deleted stays, and the write goes on.
    /// </summary>
    public static void RemoveStale(string target)
    {
        foreach (string path in Stale(target))
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to fix: the write goes on, and the file waits for someone allowed to delete it.
            }
        }
    }

    private static string[] Stale(string target)
    {
        string prefix = OwnPrefix(target);
        try
        {
            return Directory.EnumerateFiles(Path.GetDirectoryName(target)!, prefix + "*")
                .Where(path => Leftover().Match(Path.GetFileName(path), prefix.Length) is { Success: true } match
                    && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                    && pid != Environment.ProcessId && IsGone(pid))
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed fails the write itself a moment later, with the system's reason.
            return [];
        }
    }

    /// <summary>Everything of a temporary name of <paramref name="target"/> up to its process id.</summary>
    private static string OwnPrefix(string target) => $".{Portable(Path.GetFileName(target), PrefixLength)}.{Host}.";

    private static string Portable(string name, int maxLength) =>
        string.Concat(name.Take(maxLength).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    /// <remarks>
    /// On Unix this asks kill(pid, 0), so another user's process counts as running even where /proc hides it.
    /// </remarks>
    private static bool IsGone(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"\G([0-9]{1,10})\.[0-9a-f]{8}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex Leftover();
}

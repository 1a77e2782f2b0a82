using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The options that pick a task's data and model shape, checked against the task before anything loads, so that a
/// wrong one costs no waiting and ends in one line naming it.
/// </summary>
public static class TaskOptions
{
    /// <summary>
    /// The data folder: the one given, which must exist, or the task's default (whose absence the loader explains);
    /// either must be readable, lest the loader report its files missing when they cannot be seen.
    /// </summary>
    /// <exception cref="ArgumentException">A folder was given and does not exist, or the folder cannot be read.</exception>
    public static string DataFolder(ExperimentTask task, string? given)
    {
        if (given is not null && !Directory.Exists(given))
        {
            throw new ArgumentException(File.Exists(given)
                ? $"--data '{given}' is a file; it must name the folder that holds {task.Name}'s data."
                : $"--data '{given}': no such folder.");
        }
        string folder = given ?? task.DefaultDataDirectory;
        try
        {
            if (Directory.Exists(folder))
            {
                using IEnumerator<string> entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
                entries.MoveNext();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string named = given is null ? $"{task.Name}'s data folder '{folder}' (--data left out)" : $"--data '{folder}'";
            throw new ArgumentException($"{named}: the folder cannot be read ({OsReason.Of(e)}); give this user read access to it, or pass --data with a readable copy.", e);
        }
        return folder;
    }

    /// <summary>The layers asked of the task's model.</summary>
    /// <exception cref="ArgumentException">Outside 1 to the task's <see cref="ExperimentTask.MaxLayers"/>.</exception>
    public static int Layers(ExperimentTask task, int layers)
    {
        if (layers < 1 || layers > task.MaxLayers)
        {
            throw new ArgumentException(task.MaxLayers == 1
                ? $"--layers {layers}: {task.Name}'s model has one fixed depth; leave --layers out."
                : $"--layers {layers}: {task.Name} takes 1 to {task.MaxLayers} layers.");
        }
        return layers;
    }

    /// <summary>The model width asked of the task (null: its default).</summary>
    /// <exception cref="ArgumentException">The task's model has no width to choose, or the width is below 1.</exception>
    public static int? Hidden(ExperimentTask task, int? hidden)
    {
        if (hidden is int width && (task.Hidden is null || width < 1))
        {
            throw new ArgumentException(task.Hidden is null
                ? $"--hidden {width}: {task.Name}'s model has no width to choose; leave --hidden out."
                : $"--hidden {width}: it must be 1 or more ({task.Name}: {task.Hidden.Meaning}; default {task.Hidden.Default}).");
        }
        return hidden;
    }

    /// <summary>The device to train on.</summary>
    /// <exception cref="ArgumentException">cuda, where TorchSharp finds no CUDA device.</exception>
    public static string Device(string device)
    {
        if (device == "cuda" && !TorchSharp.torch.cuda.is_available())
        {
            throw new ArgumentException(
                "--device cuda: TorchSharp finds no CUDA device. This build uses the CPU backend (TorchSharp-cpu); replace it with " +
                "a CUDA backend package (see the README) on a machine with an NVIDIA GPU, or use --device cpu.");
        }
        return device;
    }
}

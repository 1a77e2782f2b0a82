using System.CommandLine;
using AdaMomentumSharp.Experiments;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The options that pick a task's data and model shape, checked against the task before anything loads, so that a
/// wrong one costs no waiting and ends in one line naming it.
/// </summary>
public static class TaskOptions
{
    /// <summary>
    /// A --task option: one of <see cref="TaskRegistry.All"/>, named in help by one word with the tasks listed in its
    /// description, since listed in the usage column they would widen every line and a narrow terminal breaks them mid-name.
    /// </summary>
    public static Option<string?> Task(string description, string? defaultTask = null)
    {
        var option = new Option<string?>("--task")
        {
            Description = $"{description}: {string.Join(", ", TaskRegistry.All.Select(t => t.Name))}.",
            HelpName = "task",
        }.AcceptOnlyFromAmong([.. TaskRegistry.All.Select(t => t.Name)]);
        if (defaultTask is not null)
        {
            option.DefaultValueFactory = _ => defaultTask;
        }
        return option;
    }

    /// <summary>
    /// The data folder: the one given, which must exist, or the task's default (whose absence the loader explains);
    /// either must be readable, lest the loader report its files missing when they cannot be seen.
    /// </summary>
    /// <exception cref="ArgumentException">A folder was given and is empty or does not exist, or the folder cannot be read.</exception>
    public static string DataFolder(ExperimentTask task, string? given)
    {
        if (given is not null && !Directory.Exists(OptionCheck.NotEmptyPath(given, "--data", $"the folder that holds {task.Name}'s data")))
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
    /// <exception cref="ArgumentException">
    /// The task's model has no width to choose, or the width is below 1 or above <see cref="CountLimits.HiddenFactor"/> times the default.
    /// </exception>
    public static int? Hidden(ExperimentTask task, int? hidden)
    {
        if (hidden is int width && (task.Hidden is null || width < 1))
        {
            throw new ArgumentException(task.Hidden is null
                ? $"--hidden {width}: {task.Name}'s model has no width to choose; leave --hidden out."
                : $"--hidden {width}: it must be 1 or more ({task.Name}: {task.Hidden.Meaning}; default {task.Hidden.Default}).");
        }
        if (hidden is int wide && task.Hidden is HiddenWidth choice)
        {
            OptionCheck.Between(wide, 1, CountLimits.HiddenFactor * choice.Default, "--hidden",
                $"{CountLimits.HiddenFactor} × {task.Name}'s default {choice.Default}: the model's memory grows with the square of its width");
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

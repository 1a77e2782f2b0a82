using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Each command's help in an 80-column terminal: no line wider, and no task or optimizer name broken across lines.</summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("compare")]
    [InlineData("bench")]
    [InlineData("trajectories")]
    [InlineData("report")]
    public void Help_In80Columns_FitsAndBreaksNoNameMidWord(string command)
    {
        string narrow = Help(command, 80), wide = Help(command, int.MaxValue);

        Assert.All(narrow.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"wider than 80 columns: {line}"));
        foreach (string name in TaskRegistry.All.Select(t => t.Name).Concat(OptimizerCatalog.Names))
        {
            // A name the wrapping split in two is one whole occurrence fewer than in the unwrapped help.
            Assert.True(Occurrences(wide, name) == Occurrences(narrow, name), $"'{name}' is broken across lines in:\n{narrow}");
        }
    }

    private static string Help(string command, int width)
    {
        var root = new RootCommand { CompareCommand.Create(), BenchCommand.Create(), TrajectoriesCommand.Create(), ReportCommand.Create() };
        ((HelpAction)root.Options.OfType<HelpOption>().Single().Action!).MaxWidth = width;
        var output = new StringWriter();
        Assert.Equal(0, root.Parse([command, "--help"]).Invoke(new InvocationConfiguration { Output = output }));
        return output.ToString();
    }

    private static int Occurrences(string text, string name) => Regex.Count(text, $"(?<![a-z0-9-]){Regex.Escape(name)}(?![a-z0-9-])");
}

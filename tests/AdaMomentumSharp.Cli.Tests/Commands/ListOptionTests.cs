using System.CommandLine;
using AdaMomentumSharp.Cli.Commands;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>List options: the three ways to write a list give the same values; a bad item names the option, the item and the rule.</summary>
public sealed class ListOptionTests
{
    private static readonly string[] Known = ["adam", "sgdm", "adamomentum"];

    [Theory]
    [InlineData("--names", "adam,SGDM")]
    [InlineData("--names", "adam", "sgdm")]
    [InlineData("--names", "adam", "--names", "sgdm")]
    [InlineData("--names", "adam, sgdm,adam")]
    public void Names_CommaSpaceOrRepeated_GiveTheSameList(params string[] args)
    {
        var option = ListOption.OfNames("--names", "", Known);

        ParseResult result = new RootCommand { option }.Parse(args);

        Assert.Empty(result.Errors);
        Assert.Equal(["adam", "sgdm"], result.GetValue(option)!);
    }

    [Fact]
    public void Names_NotGiven_TakeTheDefaults()
    {
        var option = ListOption.OfNames("--names", "", Known, "adamomentum", "adam");

        Assert.Equal(["adamomentum", "adam"], new RootCommand { option }.Parse([]).GetValue(option)!);
    }

    [Fact]
    public void Names_UnknownItem_IsAParseErrorNamingOptionItemAndTheKnownNames()
    {
        var option = ListOption.OfNames("--names", "", Known);

        ParseResult result = new RootCommand { option }.Parse(["--names", "adam,lion"]);

        string error = Assert.Single(result.Errors).Message;
        Assert.Contains("--names", error);
        Assert.Contains("'lion'", error);
        Assert.Contains("adam, sgdm, adamomentum", error);
    }

    [Theory]
    [InlineData("0.5,2", null)]
    [InlineData("0.5,-2", "'-2'")]
    [InlineData("0.5,0", "'0'")]
    [InlineData("0.5,x", "'x'")]
    [InlineData("1e400", "'1e400'")]
    public void PositiveNumbers_AcceptOnlyPositiveFiniteNumbers(string text, string? rejected)
    {
        var option = ListOption.OfPositiveNumbers("--grid", "");

        ParseResult result = new RootCommand { option }.Parse(["--grid", text]);

        if (rejected is null)
        {
            Assert.Empty(result.Errors);
            Assert.Equal([0.5, 2], result.GetValue(option)!);
        }
        else
        {
            Assert.Contains(rejected, Assert.Single(result.Errors).Message);
        }
    }

    [Theory]
    [InlineData("adam=1e-3,sgdm=0.1", null)]
    [InlineData("adam=1e-3,lion=0.1", "'lion=0.1'")]
    [InlineData("adam:1e-3", "'adam:1e-3'")]
    [InlineData("adam=-1", "'adam=-1'")]
    public void NamedNumbers_TakeNameEqualsPositiveNumber(string text, string? rejected)
    {
        var option = ListOption.OfNamedPositiveNumbers("--lr", "", Known);

        ParseResult result = new RootCommand { option }.Parse(["--lr", text]);

        if (rejected is null)
        {
            Assert.Empty(result.Errors);
            Assert.Equal([("adam", 1e-3), ("sgdm", 0.1)], result.GetValue(option)!);
        }
        else
        {
            Assert.Contains(rejected, Assert.Single(result.Errors).Message);
        }
    }

    [Fact]
    public void Compare_UnknownTask_IsAParseErrorListingTheTasks()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run("compare", "--task", "cifar-resnet"));

        Assert.Contains("cifar-resnet", e.Message);
        Assert.Contains("fashion-mlp", e.Message);
    }

    [Fact]
    public void Compare_LrGivenTwiceForOneOptimizer_NamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run("compare", "--optimizers", "adam", "--lr", "adam=1e-3,adam=2e-3"));

        Assert.Contains("'adam' twice", e.Message);
    }
}

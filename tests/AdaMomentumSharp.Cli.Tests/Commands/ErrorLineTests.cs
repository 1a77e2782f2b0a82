using AdaMomentumSharp.Cli.Commands;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Exceptions raised inside the libraries reach the user as one line without .NET's own phrasing.</summary>
public sealed class ErrorLineTests
{
    [Fact]
    public void For_ArgumentOutOfRange_DropsTheParameterNameAndActualValue() =>
        Assert.Equal("error: char-lstm takes 1 to 3 layers.", ErrorLine.For(new ArgumentOutOfRangeException("settings", 9, "char-lstm takes 1 to 3 layers.")));

    [Fact]
    public void For_ArgumentException_DropsTheParameterName_KeepingTheRestOfTheMessage() =>
        Assert.Equal("error: lr = 1E+39 is beyond Single's largest value (Parameter) here.",
                     ErrorLine.For(new ArgumentException("lr = 1E+39 is beyond Single's largest value (Parameter) here.", "lr")));

    [Fact]
    public void For_NonFiniteGradient_SaysTrainingDivergedAndWhichOptionsHelp() =>
        Assert.Equal("error: training diverged: element 3 of parameter 1's gradient became NaN, and AdaMomentum does not step on " +
                     "non-finite gradients. Use a smaller learning rate (--lr, --lr-grid).",
                     ErrorLine.For(new NonFiniteGradientException(1, 3, double.NaN, "grad")));

    [Fact]
    public void For_AMessageOverSeveralLines_IsOneLine() =>
        Assert.Equal("error: first line second line", ErrorLine.For(new InvalidDataException("first line\n\tsecond line\n")));
}

using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Trajectories;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class CsvFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void WriteThenRead_GivesBackEveryValue_IncludingDivergedOnes()
    {
        EpochMetrics[] rows =
        [
            new("fashion-mlp", "adam", 1, 1, 1e-3, 0.1 + 0.2, double.NaN, double.PositiveInfinity, 1.0 / 3, 0.875, 12.5),
            new("fashion-mlp", "sgdm", 2, 3, 0.1, 2.302585092994046, 1e-300, 0.5, double.NegativeInfinity, 0, 0.01),
        ];

        CsvFile.Write(temp.File("metrics.csv"), rows);

        Assert.Equal(rows, CsvFile.Read<EpochMetrics>(temp.File("metrics.csv")));
    }

    [Fact]
    public void Write_UsesSnakeCaseColumns_AndOneZeroBooleans_AsEarlierResultsFolders()
    {
        CsvFile.Write(temp.File("tuning.csv"), [new TuningResult("adam", 0.003, 0.91, 0.9, true), new TuningResult("adam", 0.01, 0.5, 0.4, false)]);
        CsvFile.Write(temp.File("ends.csv"), [new TrajectoryEnd("beale", "sgdm", 0.001, 10, 1.5, -0.25, 3, null, false),
                                              new TrajectoryEnd("saddle", "sgdm", 0.01, 300, 0, 1e10, -1e20, 76, false)]);

        Assert.Equal("optimizer,lr,best_val_metric,final_test_metric,chosen\nadam,0.003,0.91,0.9,1\nadam,0.01,0.5,0.4,0\n",
                     File.ReadAllText(temp.File("tuning.csv")));
        Assert.Equal("function,optimizer,lr,steps,final_x,final_y,final_value,left_frame_at_step,diverged\n" +
                     "beale,sgdm,0.001,10,1.5,-0.25,3,,0\nsaddle,sgdm,0.01,300,0,10000000000,-1E+20,76,0\n", File.ReadAllText(temp.File("ends.csv")));
    }

    [Fact]
    public void Read_HeaderLackingAColumn_ThrowsNamingTheFileAndTheColumn()
    {
        File.WriteAllText(temp.File("tuning.csv"), "optimizer,lr,best_val_metric,chosen\nadam,0.003,0.91,1\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvFile.Read<TuningResult>(temp.File("tuning.csv")));

        Assert.StartsWith(temp.File("tuning.csv"), e.Message);
        Assert.Contains("final_test_metric", e.Message);
    }

    [Fact]
    public void Read_NoHeaderAtAll_ThrowsInsteadOfSkippingTheFirstRow()
    {
        File.WriteAllText(temp.File("tuning.csv"), "adam,0.003,0.91,0.9,1\nadam,0.01,0.5,0.4,0\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvFile.Read<TuningResult>(temp.File("tuning.csv")));

        Assert.Contains("optimizer,lr,best_val_metric,final_test_metric,chosen", e.Message);
    }

    [Fact]
    public void Read_MalformedNumber_ThrowsNamingTheLine()
    {
        File.WriteAllText(temp.File("tuning.csv"), "optimizer,lr,best_val_metric,final_test_metric,chosen\nadam,0.003,0.91,0.9,1\nadam,fast,0.5,0.4,0\n");

        var e = Assert.Throws<InvalidDataException>(() => CsvFile.Read<TuningResult>(temp.File("tuning.csv")));

        Assert.Contains("line 3", e.Message);
        Assert.Contains("adam,fast", e.Message);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsSayingWhatTheHeaderMustBe()
    {
        File.WriteAllText(temp.File("metrics.csv"), "");

        var e = Assert.Throws<InvalidDataException>(() => CsvFile.Read<EpochMetrics>(temp.File("metrics.csv")));

        Assert.Contains("task,optimizer,seed,epoch,lr,train_loss", e.Message);
    }
}

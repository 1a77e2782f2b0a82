using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void WriteThenRead_ReturnsTheSameDimensionsAndBytes(string name)
    {
        byte[] data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        IdxFile.Write(temp.File(name), [2, 3, 4], data);

        IdxFile read = IdxFile.Read(temp.File(name));

        Assert.Equal([2, 3, 4], read.Dimensions);
        Assert.Equal(data, read.Data);
    }

    public static TheoryData<string, byte[], string> Corrupt => new()
    {
        { "bad magic", [1, 0, 8, 1, 0, 0, 0, 1, 5], "bad magic number" },
        { "float elements", [0, 0, 0x0d, 1, 0, 0, 0, 1, 5, 5, 5, 5], "element type 0x0d" },
        { "no dimensions", [0, 0, 8, 0], "0 dimensions" },
        { "truncated header", [0, 0, 8, 2, 0, 0, 0, 1], "truncated inside the header" },
        { "truncated data", [0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3], "truncated" },
        { "extra data", [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3], "longer than its header says" },
        { "zero size", [0, 0, 8, 1, 0, 0, 0, 0], "dimension 0 has size 0" },
        { "broken gzip", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff], "not a valid gzip stream" },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void Read_CorruptFile_ThrowsNamingTheFileAndTheFault(string name, byte[] bytes, string fault)
    {
        string path = temp.File(name.Replace(' ', '-'));
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));

        Assert.StartsWith(path, e.Message);
        Assert.Contains(fault, e.Message);
    }
}

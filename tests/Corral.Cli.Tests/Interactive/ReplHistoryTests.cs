using Corral.Cli.Interactive;

namespace Corral.Cli.Tests.Interactive;

public sealed class ReplHistoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("corral-history-").FullName;

    private string FilePath => Path.Combine(_directory, ".corral", "history");

    [Fact]
    public void Lines_entered_in_one_session_are_there_in_the_next()
    {
        var first = new ReplHistory(FilePath);
        first.Add("why is the sky blue");
        first.Add("   ");
        first.Add("/bye");

        Assert.Equal(["why is the sky blue", "/bye"], first.Lines);
        Assert.Equal(["why is the sky blue", "/bye"], new ReplHistory(FilePath).Lines);
    }

    [Fact]
    public void A_session_starts_with_the_last_hundred_lines()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllLines(FilePath, Enumerable.Range(1, 150).Select(i => $"line {i}"));

        var history = new ReplHistory(FilePath);

        Assert.Equal(ReplHistory.Limit, history.Lines.Count);
        Assert.Equal("line 51", history.Lines[0]);
        Assert.Equal("line 150", history.Lines[^1]);
    }

    [Fact]
    public void Nohistory_neither_records_nor_offers_the_line()
    {
        var history = new ReplHistory(FilePath) { Enabled = false };
        history.Add("secret");

        Assert.Empty(history.Lines);
        Assert.False(File.Exists(FilePath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

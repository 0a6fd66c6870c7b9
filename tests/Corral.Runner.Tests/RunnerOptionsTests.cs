namespace Corral.Runner.Tests;

public sealed class RunnerOptionsTests
{
    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var options = RunnerOptions.Parse(["--model", "/m.gguf", "--socket", "/s.sock", "--mmproj", "/p.gguf", "--ctx-size", "2048",
            "--parallel", "4", "--batch-size", "256", "--threads", "2", "--embedding", "--mmap", "--parent-pid", "77"]);

        Assert.Equal(new RunnerOptions
        {
            ModelPath = "/m.gguf", SocketPath = "/s.sock", ProjectorPath = "/p.gguf", ContextSize = 2048, Parallel = 4, BatchSize = 256,
            Threads = 2, Embedding = true, UseMmap = true, ParentPid = 77,
        }, options);
    }

    [Fact]
    public void Parse_DefaultsMatchOllama()
    {
        var options = RunnerOptions.Parse(["--model", "m", "--socket", "s"]);

        Assert.Equal((4096, 1, 512, 0, false, false, (int?)null, (string?)null),
            (options.ContextSize, options.Parallel, options.BatchSize, options.Threads, options.Embedding, options.UseMmap,
                options.ParentPid, options.ProjectorPath));
    }

    [Theory]
    [InlineData("--socket s", "--model is required")]
    [InlineData("--model m", "--socket is required")]
    [InlineData("--model m --socket s --ctx-size abc", "--ctx-size must be an integer >= 1, got 'abc'")]
    [InlineData("--model m --socket s --parallel 0", "--parallel must be an integer >= 1, got '0'")]
    [InlineData("--model m --socket s --threads -1", "--threads must be an integer >= 0, got '-1'")]
    [InlineData("--model m --socket s --bogus", "unknown runner argument '--bogus'")]
    [InlineData("--model", "--model needs a value")]
    [InlineData("--model m --socket s --mmproj", "--mmproj needs a value")]
    public void Parse_BadArguments_SayWhatIsWrong(string commandLine, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => RunnerOptions.Parse(commandLine.Split(' ')));

        Assert.Equal(message, error.Message);
    }
}

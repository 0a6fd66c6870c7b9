using Corral.Cli.Tests.Infrastructure;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary><c>corral run MODEL</c> on a terminal (tmux), against the real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReplTests(ServerFixture server)
{
    [Fact]
    public async Task Set_show_multiline_save_clear_and_bye()
    {
        using var tmux = await TmuxSession.StartAsync(server.Directory, server.Environment, "run", ServerFixture.Model);
        await tmux.WaitForAsync(s => s.Contains(">>> "));

        await tmux.SendLineAsync("/set parameter num_predict 3");
        await tmux.WaitForAsync(s => s.Contains("Set parameter 'num_predict' to '3'\n>>> "));
        await tmux.SendLineAsync("/set system You are a pirate.");
        await tmux.WaitForAsync(s => s.Contains("Set system message.\n>>> "));
        await tmux.SendLineAsync("/show system");
        await tmux.WaitForAsync(s => s.Contains(">>> /show system\nYou are a pirate.\n\n>>> "));
        await tmux.SendLineAsync("/show parameters");
        await tmux.WaitForAsync(s => s.Contains("Model defined parameters:\nnum_predict") && s.Contains("User defined parameters:\nnum_predict                    3\n\n>>> "));
        await tmux.SendLineAsync("/show license");
        await tmux.WaitForAsync(s => s.Contains(">>> /show license\nMIT\nsecond line\nthird line\n>>> "));
        await tmux.SendLineAsync("/set think");
        await tmux.WaitForAsync(s => s.Contains("Set 'think' mode.\nwarning: model \"tiny\" does not support thinking output\n>>> "));
        await tmux.SendLineAsync("/set nothink");
        await tmux.WaitForAsync(s => s.Contains("Set 'nothink' mode.\n>>> "));
        await tmux.SendLineAsync("/set format xml");
        await tmux.WaitForAsync(s => s.Contains("Invalid or missing format. For 'json' mode use '/set format json'\n>>> "));
        await tmux.SendLineAsync("/load nope");
        await tmux.WaitForAsync(s => s.Contains("Loading model 'nope'\nCouldn't find model 'nope'\n>>> "));
        await tmux.SendLineAsync("/?");
        await tmux.WaitForAsync(s => s.Contains("  /bye            Exit\n") && s.Contains("Use \"\"\" to begin a multi-line message.\n"));
        await tmux.SendLineAsync("/bogus");
        await tmux.WaitForAsync(s => s.Contains("Unknown command '/bogus'. Type /? for help\n>>> "));

        await tmux.SendLineAsync("\"\"\"first line");
        await tmux.WaitForAsync(s => s.Contains(">>> \"\"\"first line\n..."));
        await tmux.SendLineAsync("second line\"\"\"");
        await tmux.WaitForAsync(s => AfterPrompt(s, "second line\"\"\"").TrimEnd().EndsWith("\n>>>", StringComparison.Ordinal));

        await tmux.SendLineAsync("/save pirate");
        await tmux.WaitForAsync(s => s.Contains("Created new model 'pirate'\n>>> "));
        await tmux.SendLineAsync("/clear");
        await tmux.WaitForAsync(s => s.Contains("Cleared session context\n>>> "));
        await tmux.SendLineAsync("/bye");
        await WaitUntilAsync(tmux.HasEndedAsync);

        var saved = await server.RunAsync("show", "pirate", "--modelfile");
        await server.RunAsync("rm", "pirate");
        Assert.Contains("\nSYSTEM You are a pirate.\n", saved.Stdout);
        Assert.Contains("\nPARAMETER num_predict 3\n", saved.Stdout);
        Assert.Contains("\nMESSAGE user \"first line\nsecond line\"\n", saved.Stdout);
        Assert.Contains("\nMESSAGE assistant ", saved.Stdout);
    }

    [Fact]
    public async Task Ctrl_C_stops_an_answer_and_Ctrl_D_exits()
    {
        using var tmux = await TmuxSession.StartAsync(server.Directory, server.Environment, "run", ServerFixture.Model);
        await tmux.WaitForAsync(s => s.Contains(">>> "));
        await tmux.SendLineAsync("/set parameter num_predict 100000");
        await tmux.WaitForAsync(s => s.Contains("Set parameter 'num_predict' to '100000'\n>>> "));

        await tmux.SendLineAsync("tell me a very long story");
        var answering = await tmux.WaitForAsync(s => AfterPrompt(s, "tell me a very long story").Trim().Length > 5);
        await tmux.SendAsync("", "C-c");
        var stopped = await tmux.WaitForAsync(s => AfterPrompt(s, "tell me a very long story").TrimEnd().EndsWith("\n>>>", StringComparison.Ordinal), seconds: 10);
        await tmux.SendAsync("", "C-c");
        await tmux.WaitForAsync(s => s.Contains("Use Ctrl + d or /bye to exit.\n>>>"));
        await tmux.SendAsync("", "C-d");
        await WaitUntilAsync(tmux.HasEndedAsync);

        Assert.NotEqual(answering, stopped);
    }

    [Fact]
    public async Task Up_recalls_a_line_entered_in_an_earlier_session()
    {
        const string question = "why is the sky blue";
        var home = Directory.CreateTempSubdirectory("corral-home-").FullName;
        try
        {
            var environment = new Dictionary<string, string>(server.Environment) { ["HOME"] = home };
            string firstAnswer;
            using (var first = await TmuxSession.StartAsync(server.Directory, environment, "run", ServerFixture.Model))
            {
                await first.WaitForAsync(s => s.Contains(">>> "), seconds: 60);
                await first.SendLineAsync(question);
                firstAnswer = Answer(await first.WaitForAsync(s => Answered(s, question), seconds: 60), question);
                await first.SendLineAsync("/bye");
                await WaitUntilAsync(first.HasEndedAsync);
            }

            using var second = await TmuxSession.StartAsync(server.Directory, environment, "run", ServerFixture.Model);
            await second.WaitForAsync(s => s.Contains(">>> "), seconds: 60);
            await second.SendAsync("half a line", "C-c");
            await second.WaitForAsync(s => s.Contains(">>> half a line\nUse Ctrl + d or /bye to exit.\n>>>"));
            await second.SendAsync("", "Up");
            await second.WaitForAsync(s => s.TrimEnd().EndsWith(">>> /bye", StringComparison.Ordinal));
            await second.SendAsync("", "Up");
            await second.WaitForAsync(s => s.TrimEnd().EndsWith(">>> " + question, StringComparison.Ordinal));
            await second.SendAsync("", "Enter");
            var screen = await second.WaitForAsync(s => Answered(s, question), seconds: 60);
            await second.SendAsync("", "C-d");
            await WaitUntilAsync(second.HasEndedAsync);

            // temperature 0: the same question gets the same answer, so this is the recalled line answered.
            Assert.NotEqual("", firstAnswer);
            Assert.Equal(firstAnswer, Answer(screen, question));
            Assert.Equal($"{question}\n/bye\n{question}\n", await File.ReadAllTextAsync(Path.Combine(home, ".corral", "history")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static bool Answered(string screen, string question) =>
        AfterPrompt(screen, ">>> " + question).TrimEnd().EndsWith("\n>>>", StringComparison.Ordinal);

    private static string Answer(string screen, string question) =>
        AfterPrompt(screen, ">>> " + question).TrimEnd()[..^3].Trim();

    private static string AfterPrompt(string screen, string prompt)
    {
        var at = screen.IndexOf(prompt, StringComparison.Ordinal);
        return at < 0 ? "" : screen[(at + prompt.Length)..];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition(), "the REPL did not exit");
    }
}

using Corral.Cli.Generation;

namespace Corral.Cli.Tests.Formatting;

public sealed class ResponseWriterTests
{
    [Fact]
    public async Task Thinking_is_framed_then_the_answer_follows_in_plain_text()
    {
        var output = new StringWriter();
        var writer = new ResponseWriter(output, isTerminal: false, hideThinking: false);

        await writer.WriteAsync("let me ", null);
        await writer.WriteAsync("think", null);
        await writer.WriteAsync(null, "Answer.");

        Assert.Equal("Thinking...\nlet me think\n...done thinking.\n\nAnswer.", output.ToString());
    }

    [Fact]
    public async Task Hidden_thinking_prints_only_the_answer_and_a_terminal_gets_grey_thinking()
    {
        var hidden = new StringWriter();
        var terminal = new StringWriter();

        await new ResponseWriter(hidden, false, hideThinking: true).WriteAsync("secret", "Answer.");
        await new ResponseWriter(terminal, true, hideThinking: false).WriteAsync("hmm\n", "Answer.");

        Assert.Equal("Answer.", hidden.ToString());
        Assert.Equal("\x1b[90mThinking...\nhmm\n...done thinking.\n\n\x1b[0mAnswer.", terminal.ToString());
    }

    [Fact]
    public void Word_wrap_moves_a_word_that_would_cross_the_margin_to_the_next_line()
    {
        var wrapper = new WordWrapper(20);

        var text = wrapper.Wrap("aaaa bbbb cccccccc");

        Assert.Equal("aaaa bbbb ccccc\x1b[5D\x1b[K\ncccccccc", text);
    }

    [Fact]
    public void Word_wrap_at_a_space_just_starts_a_new_line()
    {
        Assert.Equal("aaaa bbbb cccc \x1b[K\ndddd", new WordWrapper(20).Wrap("aaaa bbbb cccc dddd"));
    }

    [Fact]
    public void Word_wrap_resets_the_column_at_newlines()
    {
        var wrapper = new WordWrapper(20);

        Assert.Equal("aaaa bbbb\ncccc dddd eeee", wrapper.Wrap("aaaa bbbb\ncccc dddd eeee"));
    }
}

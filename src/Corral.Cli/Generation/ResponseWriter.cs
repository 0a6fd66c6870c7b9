namespace Corral.Cli.Generation;

/// <summary>
/// Writes a streamed answer as Ollama's CLI shows it: thinking framed by <c>Thinking...</c> and
/// <c>...done thinking.</c> (grey on a terminal, hidden with <c>--hidethinking</c>), then the content, word-wrapped
/// when a <see cref="WordWrapper"/> is given.
/// </summary>
public sealed class ResponseWriter(TextWriter output, bool isTerminal, bool hideThinking, Func<WordWrapper>? newWrapper = null)
{
    private const string Grey = "\x1b[90m";
    private const string Reset = "\x1b[0m";
    private bool _thinkingOpen;
    private bool _lastThinkingEndedLine;
    private WordWrapper? _wrapper = newWrapper?.Invoke();

    public async Task WriteAsync(string? thinking, string? content)
    {
        if (!string.IsNullOrEmpty(thinking) && !hideThinking)
        {
            if (!_thinkingOpen)
            {
                await output.WriteAsync((isTerminal ? Grey : "") + "Thinking...\n").ConfigureAwait(false);
                _thinkingOpen = true;
            }

            await output.WriteAsync(_wrapper?.Wrap(thinking) ?? thinking).ConfigureAwait(false);
            _lastThinkingEndedLine = thinking.EndsWith('\n');
        }

        if (!string.IsNullOrEmpty(content))
        {
            await CloseThinkingAsync().ConfigureAwait(false);
            await output.WriteAsync(_wrapper?.Wrap(content) ?? content).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Closes an open thinking block (an answer that was all thinking, or cancelled mid-thought).</summary>
    public async Task CloseThinkingAsync()
    {
        if (!_thinkingOpen)
        {
            return;
        }

        await output.WriteAsync((_lastThinkingEndedLine ? "" : "\n") + "...done thinking.\n\n" + (isTerminal ? Reset : "")).ConfigureAwait(false);
        _thinkingOpen = false;
        _wrapper = newWrapper?.Invoke();
    }
}

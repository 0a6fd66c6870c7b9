using Corral.Cli.Formatting;
using Corral.Cli.Progress;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Generation;

/// <summary>
/// Streams one answer to stdout with a spinner on stderr until the first token (Ollama's <c>generate</c> and
/// <c>chat</c> in cmd.go); Ctrl+C or <paramref name="ct"/> stops it quietly, keeping what was written.
/// </summary>
public static class Generator
{
    /// <summary>One-shot <c>/api/generate</c>; ends with a blank line, then <c>--verbose</c> timings on stderr.</summary>
    public static async Task GenerateAsync(CliContext context, RunOptions options, string prompt, IReadOnlyList<byte[]> images,
        CancellationToken ct)
    {
        var request = new GenerateRequest
        {
            Model = options.Model,
            Prompt = prompt,
            Images = images.Count > 0 ? images : null,
            Format = options.Format,
            Options = options.OptionsOrNull,
            KeepAlive = options.KeepAlive,
            Think = options.Think,
        };
        var last = await StreamAsync(context, options, context.Client.GenerateStreamAsync(request, CancellationToken.None),
            r => (r.Thinking, r.Response), ct).ConfigureAwait(false);
        if (prompt.Length > 0)
        {
            await context.Stdout.WriteAsync("\n\n").ConfigureAwait(false);
        }

        if (last is not null && options.Verbose)
        {
            await context.Stderr.WriteAsync(MetricsWriter.Format(last.TotalDuration, last.LoadDuration, last.PromptEvalCount,
                last.PromptEvalDuration, last.EvalCount, last.EvalDuration)).ConfigureAwait(false);
        }
    }

    /// <summary>One <c>/api/chat</c> turn; returns the assistant message, or null when cancelled.</summary>
    public static async Task<Message?> ChatAsync(CliContext context, RunOptions options, IReadOnlyList<Message> messages, CancellationToken ct)
    {
        var request = new ChatRequest
        {
            Model = options.Model,
            Messages = messages,
            Format = options.Format,
            Options = options.OptionsOrNull,
            KeepAlive = options.KeepAlive,
            Think = options.Think,
        };
        var content = new System.Text.StringBuilder();
        var thinking = new System.Text.StringBuilder();
        var last = await StreamAsync(context, options, context.Client.ChatStreamAsync(request, CancellationToken.None), r =>
        {
            content.Append(r.Message.Content);
            thinking.Append(r.Message.Thinking);
            return (r.Message.Thinking, r.Message.Content);
        }, ct).ConfigureAwait(false);
        if (last is null)
        {
            return null;
        }

        await context.Stdout.WriteAsync("\n\n").ConfigureAwait(false);
        if (options.Verbose)
        {
            await context.Stderr.WriteAsync(MetricsWriter.Format(last.TotalDuration, last.LoadDuration, last.PromptEvalCount,
                last.PromptEvalDuration, last.EvalCount, last.EvalDuration)).ConfigureAwait(false);
        }

        return new Message { Role = "assistant", Content = content.ToString(), Thinking = thinking.Length > 0 ? thinking.ToString() : null };
    }

    private static async Task<T?> StreamAsync<T>(CliContext context, RunOptions options, IAsyncEnumerable<T> stream,
        Func<T, (string? Thinking, string? Content)> parts, CancellationToken ct)
        where T : class
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var interrupts = context.StdinIsTerminal ? Interrupts.Register(cancel.Cancel) : null;
        var writer = new ResponseWriter(context.Stdout, context.StdoutIsTerminal, options.HideThinking,
            options.WordWrap && context.StdoutIsTerminal ? () => new WordWrapper(CliContext.TerminalWidth()) : null);
        var spinner = context.StderrIsTerminal ? context.NewProgress() : null;
        spinner?.Add(new Spinner("", spinner.Now));
        T? last = null;
        try
        {
            await foreach (var chunk in stream.WithCancellation(cancel.Token).ConfigureAwait(false))
            {
                if (spinner is not null)
                {
                    await spinner.ClearAsync().ConfigureAwait(false);
                    spinner = null;
                }

                var (thinking, content) = parts(chunk);
                await writer.WriteAsync(thinking, content).ConfigureAwait(false);
                last = chunk;
            }

            await writer.CloseThinkingAsync().ConfigureAwait(false);
            return last;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await writer.CloseThinkingAsync().ConfigureAwait(false);
            return null;
        }
        finally
        {
            if (spinner is not null)
            {
                await spinner.ClearAsync().ConfigureAwait(false);
            }
        }
    }
}

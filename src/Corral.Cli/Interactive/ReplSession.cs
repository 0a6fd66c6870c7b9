using Corral.Cli.Generation;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Interactive;

/// <summary>The conversation so far and the settings the REPL's commands change.</summary>
public sealed class ReplSession(RunOptions options, ShowResponse show)
{
    public RunOptions Options { get; } = options;

    public ShowResponse Show { get; set; } = show;

    public List<Message> Messages { get; } = [];

    public ReplHistory History { get; } = ReplHistory.Default();

    /// <summary><c>/set system</c>: replaces a trailing system message, else appends one.</summary>
    public void SetSystem(string text)
    {
        Options.System = text;
        var message = new Message { Role = "system", Content = text };
        if (Messages.Count > 0 && Messages[^1].Role == "system")
        {
            Messages[^1] = message;
        }
        else
        {
            Messages.Add(message);
        }
    }

    /// <summary><c>/clear</c>: forgets the conversation but keeps the system message.</summary>
    public void Clear()
    {
        Messages.Clear();
        if (!string.IsNullOrEmpty(Options.System))
        {
            Messages.Add(new Message { Role = "system", Content = Options.System });
        }
    }
}

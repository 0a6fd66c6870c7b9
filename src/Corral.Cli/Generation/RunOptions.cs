using System.Text.Json;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Generation;

/// <summary>Settings of a <c>run</c> session; the REPL's <c>/set</c> commands change them.</summary>
public sealed class RunOptions
{
    public required string Model { get; set; }

    public JsonElement? Format { get; set; }

    public ThinkValue? Think { get; set; }

    public bool HideThinking { get; set; }

    public Duration? KeepAlive { get; set; }

    public bool Verbose { get; set; }

    public bool WordWrap { get; set; } = true;

    public string? System { get; set; }

    /// <summary>User parameters (<c>/set parameter</c>), sent as <c>options</c> and saved by <c>/save</c>.</summary>
    public Dictionary<string, JsonElement> Options { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement>? OptionsOrNull => Options.Count > 0 ? Options : null;
}

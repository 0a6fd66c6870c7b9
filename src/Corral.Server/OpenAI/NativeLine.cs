using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>One object a native endpoint wrote, with the HTTP status it set.</summary>
internal sealed record NativeLine(int Status, JsonObject Body)
{
    /// <summary>The native <c>{"error": "..."}</c> message, if this line is an error.</summary>
    public string? Error => Body["error"]?.GetValue<string>();

    /// <summary>An error line streamed after a 200 start keeps status 200 natively; it is a server error.</summary>
    public int ErrorStatus => Status >= 400 ? Status : 500;
}

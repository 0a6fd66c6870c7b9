using System.Text.Json;

namespace Corral.Client.Tests;

/// <summary>What the scripted server received: method, path below the script's base, headers and raw body.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

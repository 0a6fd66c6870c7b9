namespace Corral.Server.OpenAI;

/// <summary>Response ids in each API's style (Ollama: <c>chatcmpl-&lt;n&gt;</c>, <c>cmpl-&lt;n&gt;</c>, <c>resp_&lt;n&gt;</c>; Anthropic: <c>msg_&lt;24 hex&gt;</c>).</summary>
internal static class WireIds
{
    public static string Numbered(string prefix) => prefix + Random.Shared.Next(999);

    public static string Hex(string prefix) => prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}

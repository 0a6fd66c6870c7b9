namespace Corral.Contracts;

/// <summary>Ollama's <c>envconfig.Var</c> normalization: trim whitespace, then surrounding quotes, then whitespace.</summary>
public static class EnvValue
{
    public static string Normalize(string? value) => (value ?? "").Trim().Trim('"', '\'').Trim();
}

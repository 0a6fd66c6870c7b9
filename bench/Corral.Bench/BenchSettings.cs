namespace Corral.Bench;

/// <summary>What every build is measured on: the same model, prompt length, generation length and threads.</summary>
public sealed record BenchSettings(string ModelPath, int PromptTokens, int GenerateTokens, int Threads, int Repetitions);

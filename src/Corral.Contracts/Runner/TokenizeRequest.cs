namespace Corral.Contracts.Runner;

/// <summary><c>POST /tokenize</c>: text to token ids with the model's vocabulary (special tokens parsed).</summary>
public sealed record TokenizeRequest(string Content, bool AddSpecial = false);

public sealed record TokenizeResponse(IReadOnlyList<int> Tokens);

/// <summary><c>POST /detokenize</c>: token ids back to text.</summary>
public sealed record DetokenizeRequest(IReadOnlyList<int> Tokens);

public sealed record DetokenizeResponse(string Content);

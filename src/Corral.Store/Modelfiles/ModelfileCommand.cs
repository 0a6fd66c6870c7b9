namespace Corral.Store.Modelfiles;

/// <summary>
/// One Modelfile instruction. <see cref="Instruction"/> is lowercase (<c>from</c>, <c>parameter</c>...);
/// <see cref="Key"/> is the parameter name or message role; <see cref="Value"/> is unquoted.
/// </summary>
public sealed record ModelfileCommand(string Instruction, string? Key, string Value, int Line, int Column);

namespace Corral.Grammar;

/// <summary>A JSON Schema uses something the grammar converter cannot express; the message names it and where.</summary>
public sealed class UnsupportedSchemaException(string message) : ArgumentException(message);

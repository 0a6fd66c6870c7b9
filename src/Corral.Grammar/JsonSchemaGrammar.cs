using System.Text.Json;

namespace Corral.Grammar;

/// <summary>
/// JSON Schema to GBNF for structured outputs (<c>format: {schema}</c>), following llama.cpp's
/// json-schema-to-grammar (which Ollama uses): properties in declaration order, required ones always present,
/// optional ones in order and skippable, no extra properties unless <c>additionalProperties</c> allows them.
/// Anything that would change what is valid but cannot be expressed (pattern, minimum, format, allOf...)
/// throws <see cref="UnsupportedSchemaException"/> rather than being silently ignored.
/// </summary>
public static class JsonSchemaGrammar
{
    public static string FromSchema(JsonElement schema)
    {
        var visitor = new SchemaVisitor(schema);
        visitor.VisitRoot();
        return visitor.Rules.ToString();
    }
}

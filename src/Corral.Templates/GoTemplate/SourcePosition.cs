namespace Corral.Templates.GoTemplate;

/// <summary>Turns a character offset into Go's 1-based line and column for error messages.</summary>
internal static class SourcePosition
{
    public static string Describe(string name, string source, int position)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $"{name}:{line}:{position - lineStart}";
    }
}

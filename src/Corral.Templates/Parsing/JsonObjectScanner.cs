namespace Corral.Templates.Parsing;

/// <summary>Finds where a JSON object or array that starts at an index ends, aware of strings and escapes.</summary>
internal static class JsonObjectScanner
{
    /// <summary>Index just past the matching close bracket, or -1 while the value is still incomplete.</summary>
    public static int End(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }
}

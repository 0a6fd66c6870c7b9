namespace Corral.Cli.Interactive;

/// <summary>
/// Entered lines, kept in <c>~/.corral/history</c> (Ollama keeps <c>~/.ollama/history</c>) so Up recalls them in
/// later sessions too. <c>/set nohistory</c> stops recording. Read and write failures never interrupt the session.
/// </summary>
public sealed class ReplHistory
{
    /// <summary>How many earlier lines a session starts with (Ollama's history limit).</summary>
    public const int Limit = 100;

    private readonly string _path;
    private readonly List<string> _lines;

    public ReplHistory(string path)
    {
        _path = path;
        _lines = Read(path);
    }

    public bool Enabled { get; set; } = true;

    /// <summary>The last <see cref="Limit"/> lines of earlier sessions followed by this session's, oldest first.</summary>
    public IReadOnlyList<string> Lines => _lines;

    public static ReplHistory Default() =>
        new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".corral", "history"));

    public void Add(string line)
    {
        if (!Enabled || line.Trim().Length == 0)
        {
            return;
        }

        _lines.Add(line);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.AppendAllText(_path, line + "\n");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static List<string> Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).Where(l => l.Trim().Length > 0).TakeLast(Limit).ToList() : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}

namespace Corral.Cli.Interactive;

/// <summary>
/// Entered lines appended to <c>~/.corral/history</c> (Ollama keeps <c>~/.ollama/history</c>) while history is on;
/// <c>/set nohistory</c> stops recording. Write failures never interrupt the session.
/// </summary>
public sealed class ReplHistory(string path)
{
    public bool Enabled { get; set; } = true;

    public static ReplHistory Default() =>
        new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".corral", "history"));

    public void Add(string line)
    {
        if (!Enabled || line.Length == 0)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, line + "\n");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

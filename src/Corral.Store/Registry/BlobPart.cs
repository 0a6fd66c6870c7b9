using System.Text.Json;

namespace Corral.Store.Registry;

/// <summary>
/// One ranged part of a blob download and its resumable state, kept beside the partial file as
/// <c>&lt;partial&gt;-&lt;N&gt;</c> JSON <c>{"N","Offset","Size","Completed"}</c> like Ollama's download.go.
/// </summary>
internal sealed class BlobPart(int n, long offset, long size, long completed)
{
    public int N { get; } = n;
    public long Offset { get; } = offset;
    public long Size { get; } = size;
    public long Completed { get; set; } = completed;

    /// <summary>Part size is total/16 clamped to [min, max], the last part shorter (Ollama's numDownloadParts).</summary>
    public static List<BlobPart> Plan(long total, RegistryOptions options)
    {
        var size = Math.Clamp(total / 16, options.MinPartSize, options.MaxPartSize);
        var parts = new List<BlobPart>();
        for (long offset = 0; offset < total; offset += size)
            parts.Add(new BlobPart(parts.Count, offset, Math.Min(size, total - offset), 0));
        return parts;
    }

    /// <summary>
    /// Reads the part files of an interrupted download; null when there are none or they do not describe exactly
    /// <paramref name="total"/> bytes of an existing partial file (then the download starts over).
    /// </summary>
    public static List<BlobPart>? Load(string partialPath, long total)
    {
        if (!File.Exists(partialPath) || new FileInfo(partialPath).Length != total)
            return null;
        var parts = new List<BlobPart>();
        long expectedOffset = 0;
        for (var n = 0; File.Exists(PathOf(partialPath, n)); n++)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(partialPath, n)));
                var root = document.RootElement;
                var part = new BlobPart(root.GetProperty("N").GetInt32(), root.GetProperty("Offset").GetInt64(),
                    root.GetProperty("Size").GetInt64(), root.GetProperty("Completed").GetInt64());
                if (part.N != n || part.Offset != expectedOffset || part.Size <= 0 || part.Completed < 0
                    || part.Completed > part.Size)
                    return null;
                expectedOffset += part.Size;
                parts.Add(part);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                return null;
            }
        }
        return parts.Count > 0 && expectedOffset == total ? parts : null;
    }

    /// <summary>Written to a temp file and renamed, so a crash never leaves a half-written state file.</summary>
    public void Save(string partialPath)
    {
        var path = PathOf(partialPath, N);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("N", N);
            writer.WriteNumber("Offset", Offset);
            writer.WriteNumber("Size", Size);
            writer.WriteNumber("Completed", Completed);
            writer.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void DeleteAll(string partialPath)
    {
        for (var n = 0; File.Exists(PathOf(partialPath, n)); n++)
            File.Delete(PathOf(partialPath, n));
    }

    private static string PathOf(string partialPath, int n) => $"{partialPath}-{n}";
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// What must hold in an OLLAMA_MODELS directory whatever moment the server died at: every file under a final
/// blob name holds exactly the content its name promises, and every manifest names only blobs that exist.
/// </summary>
public static partial class StoreConsistency
{
    /// <summary>Every violation found in the store at <paramref name="modelsPath"/>; empty when consistent.</summary>
    public static IReadOnlyList<string> Problems(string modelsPath)
    {
        var problems = new List<string>();
        var blobs = Path.Combine(modelsPath, "blobs");
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(blobs))
        {
            foreach (var file in Directory.EnumerateFiles(blobs))
            {
                var name = Path.GetFileName(file);
                if (!FinalBlobName().IsMatch(name))
                {
                    continue; // Temporary and partial files are allowed to be incomplete.
                }
                present.Add(name);
                using var stream = File.OpenRead(file);
                var actual = "sha256-" + Convert.ToHexStringLower(SHA256.HashData(stream));
                if (actual != name)
                {
                    problems.Add($"blob {name} holds {stream.Length} bytes hashing to {actual}");
                }
            }
        }

        foreach (var (model, digests) in Manifests(modelsPath, problems))
        {
            problems.AddRange(digests.Where(d => !present.Contains(d.Replace(':', '-'))).Select(d => $"manifest {model} references missing blob {d}"));
        }
        return problems;
    }

    /// <summary>The model names (host/namespace/model/tag) with a manifest in the store.</summary>
    public static IReadOnlyList<string> ModelNames(string modelsPath) => Manifests(modelsPath, []).Select(m => m.Model).ToList();

    /// <summary>Temporary and partial files left in the blobs directory.</summary>
    public static IReadOnlyList<string> LeftoverFiles(string modelsPath)
    {
        var blobs = Path.Combine(modelsPath, "blobs");
        return Directory.Exists(blobs)
            ? Directory.EnumerateFiles(blobs).Select(Path.GetFileName).Where(n => !FinalBlobName().IsMatch(n!)).Select(n => n!).ToList()
            : [];
    }

    private static IEnumerable<(string Model, IReadOnlyList<string> Digests)> Manifests(string modelsPath, List<string> problems)
    {
        var root = Path.Combine(modelsPath, "manifests");
        if (!Directory.Exists(root))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var model = Path.GetRelativePath(root, file);
            List<string> digests;
            try
            {
                using var manifest = JsonDocument.Parse(File.ReadAllBytes(file));
                digests = manifest.RootElement.GetProperty("layers").EnumerateArray()
                    .Append(manifest.RootElement.GetProperty("config"))
                    .Select(layer => layer.GetProperty("digest").GetString()!).ToList();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"manifest {model} is not a valid manifest: {e.Message}");
                continue;
            }
            yield return (model, digests);
        }
    }

    [GeneratedRegex("^sha256-[0-9a-f]{64}$")]
    private static partial Regex FinalBlobName();
}

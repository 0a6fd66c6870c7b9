using Corral.Store.Create;
using Corral.Store.Manifests;

namespace Corral.Store.Modelfiles;

/// <summary>
/// Modelfile commands to a create request, as the CLI's <c>CreateRequest(relativeDir)</c> does: a FROM that
/// names an existing file is uploaded (via <paramref name="uploadAsync"/>, returning its digest) and goes
/// into <c>files</c>, otherwise it is a model name in <c>from</c>.
/// </summary>
public static class ModelfileConverter
{
    public static async Task<CreateModelRequest> ToCreateRequestAsync(
        string model,
        IReadOnlyList<ModelfileCommand> commands,
        string relativeDir,
        Func<string, CancellationToken, Task<string>> uploadAsync,
        ICollection<string>? warnings = null,
        CancellationToken ct = default)
    {
        var request = new CreateModelRequest { Model = model };
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var adapters = new Dictionary<string, string>(StringComparer.Ordinal);
        var licenses = new List<string>();
        var messages = new List<ModelMessage>();
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            switch (command.Instruction)
            {
                case "from":
                    var path = ExpandPath(command.Value, relativeDir);
                    if (File.Exists(path))
                    {
                        files[Path.GetFileName(path)] = await uploadAsync(path, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        request = request with { From = command.Value };
                    }

                    break;
                case "adapter":
                    var adapter = ExpandPath(command.Value, relativeDir);
                    adapters.Clear();
                    adapters[Path.GetFileName(adapter)] = await uploadAsync(adapter, ct).ConfigureAwait(false);
                    break;
                case "template": request = request with { Template = command.Value }; break;
                case "system": request = request with { System = command.Value }; break;
                case "renderer": request = request with { Renderer = command.Value }; break;
                case "parser": request = request with { Parser = command.Value }; break;
                case "requires": request = request with { Requires = command.Value }; break;
                case "license": licenses.Add(command.Value); break;
                case "message": messages.Add(new ModelMessage(command.Key!, command.Value)); break;
                case "parameter":
                    if (!parameters.TryGetValue(command.Key!, out var values))
                    {
                        parameters[command.Key!] = values = [];
                    }

                    values.Add(command.Value);
                    break;
                default:
                    throw StoreException.BadRequest($"{command.Instruction.ToUpperInvariant()} is not supported");
            }
        }

        var typed = ParameterParser.Format(
            parameters.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<string>)p.Value)), warnings);
        return request with
        {
            Files = files.Count > 0 ? files : null,
            Adapters = adapters.Count > 0 ? adapters : null,
            License = licenses.Count > 0 ? licenses : null,
            Messages = messages.Count > 0 ? messages : null,
            Parameters = typed.Count > 0 ? typed : null,
        };
    }

    /// <summary><c>~</c> to the home directory, absolute kept, anything else relative to the Modelfile's directory.</summary>
    public static string ExpandPath(string value, string relativeDir)
    {
        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.GetFullPath(home + value[1..]);
        }

        return Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(relativeDir, value));
    }
}

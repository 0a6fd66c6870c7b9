using System.Globalization;
using Corral.Native;
using Corral.Store.Gguf;

namespace Corral.Fixtures;

/// <summary>
/// <c>corral-fixtures --vocab SRC.gguf --out MODEL.gguf [--preset llama-3.2-1b] [--n-embd N] [--n-layer N]
/// [--n-head N] [--n-head-kv N] [--n-ff N] [--n-ctx-train N] [--type f16|f32] [--tied] [--seed N]
/// [--quantize Q4_K_M] [--script ID,ID,...] [--mmproj PROJECTOR.gguf]</c>: writes a random-weight llama model with
/// SRC's vocabulary, optionally quantized, optionally scripted (greedy decoding says the given token ids, see
/// <see cref="ScriptedWeights"/>), optionally with a vision projector for it (<see cref="ProjectorFixtureWriter"/>).
/// <c>--mmproj</c> without <c>--vocab</c>/<c>--out</c> writes only a projector for a model of <c>--n-embd</c>.
/// </summary>
public static class FixtureCommand
{
    public const string Usage =
        "usage: corral-fixtures --vocab SRC.gguf --out MODEL.gguf [--preset llama-3.2-1b] [--n-embd N] [--n-layer N] " +
        "[--n-head N] [--n-head-kv N] [--n-ff N] [--n-ctx-train N] [--type f16|f32] [--tied] [--seed N] [--quantize Q4_K_M] " +
        "[--script ID,ID,...] [--mmproj PROJECTOR.gguf]";

    /// <summary>Parses and runs; throws <see cref="ArgumentException"/> for bad arguments.</summary>
    public static void Run(IReadOnlyList<string> args)
    {
        string? vocab = null, output = null, quantize = null, projector = null;
        var seed = 0;
        int[]? script = null;
        var shape = new LlamaModelShape();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--tied")
            {
                shape = shape with { TiedEmbeddings = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--vocab": vocab = value; break;
                case "--out": output = value; break;
                case "--quantize": quantize = value; break;
                case "--mmproj": projector = value; break;
                case "--seed": seed = Number(name, value); break;
                case "--script": script = [.. value.Split(',').Select(id => Number(name, id.Trim()))]; break;
                case "--preset": shape = Preset(value); break;
                case "--n-embd": shape = shape with { EmbeddingLength = Number(name, value) }; break;
                case "--n-layer": shape = shape with { BlockCount = Number(name, value) }; break;
                case "--n-head": shape = shape with { HeadCount = Number(name, value) }; break;
                case "--n-head-kv": shape = shape with { HeadCountKv = Number(name, value) }; break;
                case "--n-ff": shape = shape with { FeedForwardLength = Number(name, value) }; break;
                case "--n-ctx-train": shape = shape with { ContextLength = Number(name, value) }; break;
                case "--type": shape = shape with { FileType = Type(value) }; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        if (vocab is null || output is null)
        {
            if (projector is null || vocab is not null || output is not null)
            {
                throw new ArgumentException("--vocab and --out are required");
            }

            WriteProjector(projector, shape, seed);
            return;
        }

        if (projector is not null)
        {
            // The model's shape is checked first so a bad one leaves no projector behind either.
            shape.Validate();
            WriteProjector(projector, shape, seed);
        }

        var fileType = quantize is null ? (int?)null : QuantizationTypes.FileType(quantize);
        var vocabulary = GgufReader.Read(vocab);
        if (fileType is null)
        {
            LlamaFixtureWriter.Write(output, shape, vocabulary, seed, script);
            return;
        }

        var unquantized = output + ".unquantized.gguf";
        try
        {
            LlamaFixtureWriter.Write(unquantized, shape, vocabulary, seed, script);
            LlamaQuantizer.Quantize(unquantized, output + ".tmp", fileType.Value);
            File.Move(output + ".tmp", output, overwrite: true);
        }
        finally
        {
            File.Delete(unquantized);
            File.Delete(output + ".tmp");
        }
    }

    private static void WriteProjector(string path, LlamaModelShape model, int seed) =>
        ProjectorFixtureWriter.Write(path, new ProjectorShape { ProjectionLength = model.EmbeddingLength }, seed);

    private static LlamaModelShape Preset(string name) => name.ToLowerInvariant() switch
    {
        "llama-3.2-1b" => LlamaModelShape.Llama32OneB,
        _ => throw new ArgumentException($"unknown preset '{name}' (known: llama-3.2-1b)"),
    };

    private static TensorType Type(string name) => name.ToUpperInvariant() switch
    {
        "F16" => TensorType.F16,
        "F32" => TensorType.F32,
        _ => throw new ArgumentException($"--type must be f16 or f32, got '{name}'"),
    };

    private static int Number(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{option} needs a non-negative integer, got '{value}'");
}

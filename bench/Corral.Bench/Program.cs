using System.Globalization;
using Corral.Bench;
using Corral.Engine;

// usage: Corral.Bench MODEL.gguf LLAMA_BENCH_DIR [prompt_tokens=256] [generate_tokens=64] [repetitions=3]
// LLAMA_BENCH_DIR holds the source-built llama-bench and its libraries (bench/build-llama-bench.sh).
if (args.Length is < 2 or > 5)
{
    Console.Error.WriteLine("usage: Corral.Bench MODEL.gguf LLAMA_BENCH_DIR [prompt_tokens] [generate_tokens] [repetitions]");
    return 2;
}

int Argument(int index, int fallback) => args.Length > index ? int.Parse(args[index], NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
var settings = new BenchSettings(Path.GetFullPath(args[0]), Argument(2, 256), Argument(3, 64), PhysicalCores.Count, Argument(4, 3));
var llamaBenchDir = Path.GetFullPath(args[1]);
var llamaBench = Path.Combine(llamaBenchDir, "llama-bench");
if (!File.Exists(settings.ModelPath) || !File.Exists(llamaBench))
{
    Console.Error.WriteLine($"missing {(File.Exists(settings.ModelPath) ? llamaBench : settings.ModelPath)} (bench/run.sh builds both)");
    return 2;
}

await using var corral = await CorralEngineRun.LoadAsync(settings);
var prebuiltDir = PrebuiltLibraries.Prepare(llamaBench, Path.GetDirectoryName(llamaBenchDir)!);
IThroughputProbe[] builds =
[
    corral,
    new LlamaBenchRun("llama-bench, source build (AVX-512, AMX off)", llamaBench, llamaBenchDir, settings),
    new LlamaBenchRun($"llama-bench, prebuilt libs ({Path.GetFileName(prebuiltDir)})", llamaBench, prebuiltDir, settings),
];

// The builds take turns, one repetition each per round (starting with a different build every round), so a
// neighbour's burst of load on the shared machine hits all of them rather than whichever ran at the time.
var samples = builds.ToDictionary(build => build, _ => (Prefill: new List<double>(), Decode: new List<double>()));
for (var round = 0; round < settings.Repetitions; round++)
{
    for (var turn = 0; turn < builds.Length; turn++)
    {
        var build = builds[(round + turn) % builds.Length];
        var (prefill, decode) = await build.MeasureOnceAsync(round);
        Console.Error.WriteLine(FormattableString.Invariant($"round {round + 1}: {build.Build}: prefill {prefill:F2} tok/s, decode {decode:F2} tok/s"));
        samples[build].Prefill.Add(prefill);
        samples[build].Decode.Add(decode);
    }
}

var results = builds.Select(build => Throughput.FromSamples(build.Build, samples[build].Prefill, samples[build].Decode)).ToList();
ResultTable.Print(Console.Out, settings, results[0], results[1..]);
return 0;

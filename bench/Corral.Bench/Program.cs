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

// Engine first, then llama-bench: all three runs see the same (shared, possibly busy) machine within minutes.
Console.Error.WriteLine("measuring Corral's engine...");
var corral = await CorralEngineRun.MeasureAsync(settings);
Console.Error.WriteLine(corral);
Console.Error.WriteLine("measuring llama-bench (source build, AMX off)...");
var source = await LlamaBenchRun.MeasureAsync("llama-bench, source build (AVX-512, AMX off)", llamaBench, llamaBenchDir, settings);
Console.Error.WriteLine(source);
var prebuiltDir = PrebuiltLibraries.Prepare(llamaBench, Path.GetDirectoryName(llamaBenchDir)!);
Console.Error.WriteLine($"measuring llama-bench over Corral's prebuilt libraries ({prebuiltDir})...");
var prebuilt = await LlamaBenchRun.MeasureAsync($"llama-bench, prebuilt libs ({Path.GetFileName(prebuiltDir)})", llamaBench, prebuiltDir, settings);

ResultTable.Print(Console.Out, settings, corral, [source, prebuilt]);
return 0;

using Corral.Bench;
using Corral.Engine;
using Corral.Native;

// usage: see BenchSettings.Usage. LLAMA_CPP_DIR holds the source-built llama-bench, llama-server and their libraries
// (bench/build-llama-cpp.sh); CORRAL_DLL is this repository's built corral.dll (bench/run.sh builds all of them).
if (args.Length < 3 || BenchSettings.Parse(Path.GetFullPath(args[0]), PhysicalCores.Count, args[3..]) is not { } settings)
{
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

var llamaCppDir = Path.GetFullPath(args[1]);
var corralDll = Path.GetFullPath(args[2]);
var llamaBench = Path.Combine(llamaCppDir, "llama-bench");
foreach (var required in new[] { settings.ModelPath, llamaBench, Path.Combine(llamaCppDir, "llama-server"), corralDll })
{
    if (!File.Exists(required))
    {
        Console.Error.WriteLine($"missing {required} (bench/run.sh builds it)");
        return 2;
    }
}

var figures = new List<Figure>();
await using (var engine = await CorralEngineRun.LoadAsync(settings))
{
    var prebuiltDir = PrebuiltLibraries.Prepare(llamaBench, Path.GetDirectoryName(llamaCppDir)!);
    // The targets compare with llama-bench as built, at its defaults. The last row is for reading only: the same
    // source build told to load the weights as Corral does (read into memory, not mapped; bench/README.md).
    IThroughputProbe[] llamaBenchBuilds =
    [
        new LlamaBenchRun("llama-bench, source build (AVX-512, AMX off)", llamaBench, llamaCppDir, settings),
        new LlamaBenchRun($"llama-bench over Corral's libraries ({LlamaBackend.LoadedCpuVariant})", llamaBench, prebuiltDir, settings),
    ];
    var sameLoadMode = new LlamaBenchRun("llama-bench -lm none, source build (not a target)", llamaBench, llamaCppDir, settings,
        "-lm", "none");
    IThroughputProbe[] builds = [engine, .. llamaBenchBuilds, sameLoadMode];

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

    Throughput Result(IThroughputProbe build) => Throughput.FromSamples(build.Build, samples[build].Prefill, samples[build].Decode);
    var corral = Result(engine);
    var targets = llamaBenchBuilds.Select(Result).ToList();
    ResultTable.Print(Console.Error, settings, corral, targets, Result(sameLoadMode));
    figures.Add(new Figure("a. prefill tok/s, engine in-process vs best llama-bench build", corral.Prefill, targets.Max(r => r.Prefill), ">= 0.97"));
    figures.Add(new Figure("a. decode tok/s, engine in-process vs best llama-bench build", corral.Decode, targets.Max(r => r.Decode), ">= 1.0"));
}

var logs = Directory.CreateTempSubdirectory("corral-bench-logs-").FullName;
Console.Error.WriteLine($"starting corral serve and llama-server (logs in {logs})...");
await using (var corral = await CorralServe.StartAsync(corralDll, settings, logs))
await using (var llamaServer = await LlamaServer.StartAsync(llamaCppDir, settings, logs))
{
    var scenarios = new ServerScenarios(settings, corral, llamaServer);
    await scenarios.WarmUpAsync();
    figures.AddRange(await scenarios.RunAsync());
}

FigureTable.Print(Console.Out, settings, figures);
return 0;

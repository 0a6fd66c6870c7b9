using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Issue 11 acceptance 4 and issue 4 acceptance 6 for creates: <c>corral serve</c> is SIGKILLed at seeded random
/// points of (a) a 24 MB GGUF upload followed by a create from it and (b) a create that quantizes an F16 model to
/// q4_K_M in a child process; after each restart the store is consistent (no half blob under a final name, no
/// manifest naming a missing blob), the earlier models are intact, and the create repeated to the end generates.
/// </summary>
public sealed class CreateCrashTests(ITestOutputHelper output) : IDisposable
{
    // Two uploads for each quantize: a quantize run costs three times as much on 2 cores.
    private const int Runs = 9;
    private const string Base = "base:latest";
    private const string Made = "made:latest";

    private readonly string _variants = Directory.CreateTempSubdirectory("corral-crash-gguf-").FullName;
    private int _variantCount;

    [Fact]
    public async Task KillDuringUploadCreateOrQuantizeLeavesAConsistentStore()
    {
        var seed = FaultSeed.Get(20261204);
        await using var harness = await CrashHarness.StartAsync();
        await RealServer.CreateModelAsync(harness.Server.Client, Base, TestPaths.Llama3Fixture, RealServer.SmallContext());
        Func<HttpClient, Task>[] operations =
        [
            // A new file each time, so the upload really writes 24 MB instead of finding the blob present.
            client => RealServer.CreateModelAsync(client, Made, Variant(), RealServer.SmallContext()),
            client => RealServer.CreateAsync(client, new JsonObject { ["model"] = Made, ["from"] = Base, ["quantize"] = "q4_K_M" }),
        ];
        var durations = new List<TimeSpan>();
        foreach (var operation in operations)
        {
            durations.Add(await harness.TimeAsync(operation));
            await harness.DeleteAsync(Made);
        }

        var random = new Random(seed);
        for (var run = 0; run < Runs; run++)
        {
            var kind = run % 3 == 2 ? 1 : 0;
            var delay = durations[kind] * (random.NextDouble() * 1.2);
            var context = $"{FaultSeed.Replay(seed, run)}, {(kind == 0 ? "upload+create" : "quantize")} killed after " +
                          $"{delay.TotalMilliseconds:F0} ms of ~{durations[kind].TotalMilliseconds:F0} ms";
            await harness.KillDuringAsync(operations[kind], delay);
            harness.AssertConsistent(context);
            output.WriteLine(context);

            await operations[kind](harness.Server.Client);
            harness.AssertConsistent(context + ", after the repeated create");
            // Each run's blobs are hash-checked above; loading a runner is what costs, so the last run of each kind loads.
            if (run >= Runs - 2)
            {
                await harness.AssertGeneratesAsync(Made, context);
            }
            await harness.DeleteAsync(Made);
        }
        Assert.Equal(new[] { Base, CrashHarness.KeptModel }, StoreConsistency.ModelNames(harness.ModelsPath).Select(ShortName).Order());
    }

    public void Dispose() => Directory.Delete(_variants, recursive: true);

    private static string ShortName(string manifestPath) => string.Join(':', manifestPath.Split('/')[^2..]);

    // The F16 fixture with its last bytes (tensor data, random weights anyway) changed: a valid, new blob.
    private string Variant()
    {
        var count = ++_variantCount;
        var path = Path.Combine(_variants, $"variant-{count}.gguf");
        File.Copy(TestPaths.Llama3Fixture, path);
        using var file = File.OpenWrite(path);
        file.Seek(-sizeof(int), SeekOrigin.End);
        file.Write(BitConverter.GetBytes(count));
        return path;
    }
}

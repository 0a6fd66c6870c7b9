namespace Corral.Native.Tests;

/// <summary>
/// A context owns a persistent CPU threadpool: its worker threads are created once with the context, survive
/// every decode and end with the context (without one, ggml creates and joins fresh workers inside every
/// llama_decode). Workers inherit the name of the thread that created the pool, which is how they are found.
/// </summary>
public sealed class ContextThreadpoolTests
{
    private const string CreatorName = "tp-probe";

    [Fact]
    public unsafe void WorkersAreCreatedOnceWithTheContextAndEndWithIt()
    {
        LlamaBackend.EnsureInitialized();
        using var model = SafeLlamaModelHandle.LoadFromFile(Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"), mapFile: true, null, CancellationToken.None);
        SafeLlamaContextHandle? context = null;
        var creatorId = 0;
        var creator = new Thread(() =>
        {
            creatorId = CurrentThreadId();
            var parameters = LlamaApi.ContextDefaultParams();
            parameters.NCtx = 64;
            parameters.NBatch = 16;
            parameters.NUbatch = 16;
            parameters.NSeqMax = 1;
            parameters.NThreads = 3;
            parameters.NThreadsBatch = 3;
            context = SafeLlamaContextHandle.Create(model, parameters);
        }) { Name = CreatorName };
        creator.Start();
        creator.Join();

        // Three threads: the caller of llama_decode plus two pool workers, alive although their creator is gone.
        // The creator's own OS thread can outlive Join() by a moment, so it is left out by id.
        var workers = WorkerThreadIds(creatorId);
        Assert.Equal(2, workers.Count);

        using (var created = context!)
        {
            using var batch = new LlamaBatchBuffer(1);
            for (var position = 0; position < 4; position++)
            {
                batch.Clear();
                batch.Add(1, position, 0, wantLogits: true);
                Assert.Equal(0, LlamaApi.Decode(created.DangerousGetHandle(), batch.Batch));
            }

            Assert.Equal(workers, WorkerThreadIds(creatorId));
        }

        // A joined thread's /proc entry is removed by the kernel just after the join returns.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (WorkerThreadIds(creatorId).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Empty(WorkerThreadIds(creatorId));
    }

    /// <summary>The calling thread's kernel id: /proc/thread-self links to "&lt;pid&gt;/task/&lt;tid&gt;".</summary>
    private static int CurrentThreadId() =>
        int.Parse(Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget!), System.Globalization.CultureInfo.InvariantCulture);

    private static SortedSet<int> WorkerThreadIds(int creatorId)
    {
        var ids = new SortedSet<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var id = int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture);
                if (id != creatorId && File.ReadAllText(Path.Combine(task, "comm")).Trim() == CreatorName)
                {
                    ids.Add(id);
                }
            }
            catch (IOException)
            {
                // The thread ended while being listed.
            }
        }

        return ids;
    }
}

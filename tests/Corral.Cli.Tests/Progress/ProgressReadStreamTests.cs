using Corral.Cli.Progress;

namespace Corral.Cli.Tests.Progress;

public sealed class ProgressReadStreamTests
{
    [Fact]
    public async Task Reports_the_running_total_of_bytes_read_and_passes_the_content_through()
    {
        var reports = new List<long>();
        await using var stream = new ProgressReadStream(new MemoryStream(new byte[10_000]), reports.Add);
        var copy = new MemoryStream();

        await stream.CopyToAsync(copy, bufferSize: 4096);

        Assert.Equal(10_000, copy.Length);
        Assert.Equal([4096, 8192, 10_000, 10_000], reports);
        Assert.Equal(10_000, stream.Length);
    }
}

using System.Diagnostics;

namespace Corral.Native.Tests;

/// <summary>native/fetch.sh must refuse a package whose tarball does not match the pinned integrity and leave
/// nothing published in the cache.</summary>
public sealed class FetchScriptTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("corral-fetch-");

    [Fact]
    public async Task WrongIntegrityFailsAndPublishesNothing()
    {
        var native = Directory.CreateDirectory(Path.Combine(_directory.FullName, "native"));
        var cache = Directory.CreateDirectory(Path.Combine(_directory.FullName, "cache"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "native", "fetch.sh"), Path.Combine(native.FullName, "fetch.sh"));
        var version = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "native", "VERSION"));
        var tampered = System.Text.RegularExpressions.Regex.Replace(version, "PREBUILT_INTEGRITY=sha512-.", "PREBUILT_INTEGRITY=sha512-X");
        Assert.NotEqual(version, tampered);
        await File.WriteAllTextAsync(Path.Combine(native.FullName, "VERSION"), tampered);

        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(native.FullName, "fetch.sh"));
        info.Environment["CORRAL_NATIVE_CACHE"] = cache.FullName;
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("integrity mismatch", stderr);
        Assert.Empty(cache.GetFileSystemInfos());
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

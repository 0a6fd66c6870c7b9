using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Corral.Store.Registry;

/// <summary>
/// The machine's ed25519 identity for Ollama-style registries (<c>~/.ollama/id_ed25519</c>, OpenSSH format, created on
/// first use like Ollama's <c>auth.GetPublicKey</c>/<c>initializeKeypair</c>). Signs token requests as
/// <c>&lt;base64 SSH public key&gt;:&lt;base64 signature&gt;</c>.
/// </summary>
public sealed class RegistrySigningKey
{
    private const string KeyType = "ssh-ed25519";
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] Magic = "openssh-key-v1\0"u8.ToArray();

    private readonly byte[] _seed;

    private RegistrySigningKey(byte[] seed)
    {
        _seed = seed;
        PublicKey = Ed25519.PublicKey(seed);
    }

    public byte[] PublicKey { get; }

    /// <summary>Base64 of the SSH wire-format public key: the second field of an authorized_keys line.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(PublicBlob());

    /// <summary>Default location, <c>~/.ollama/id_ed25519</c>.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ollama", "id_ed25519");

    /// <summary>A key from its 32-byte ed25519 seed (the first half of OpenSSH's private key field).</summary>
    public static RegistrySigningKey FromSeed(ReadOnlySpan<byte> seed) => new(seed.ToArray());

    /// <summary>Reads the key, or creates it (mode 0600, plus <c>.pub</c>) when the file does not exist.</summary>
    public static RegistrySigningKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
            return Parse(File.ReadAllText(path));
        var key = new RegistrySigningKey(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, Encoding.ASCII, options))
            writer.Write(key.ToOpenSsh());
        File.WriteAllText(path + ".pub", $"{KeyType} {key.PublicKeyBase64}\n");
        return key;
    }

    /// <summary>Ollama's Sign: the ed25519 signature of <paramref name="data"/> as <c>&lt;pubkey&gt;:&lt;sig&gt;</c>.</summary>
    public string Authorization(ReadOnlySpan<byte> data) =>
        $"{PublicKeyBase64}:{Convert.ToBase64String(Ed25519.Sign(_seed, data))}";

    public static RegistrySigningKey Parse(string openSsh)
    {
        var start = openSsh.IndexOf(Begin, StringComparison.Ordinal);
        var end = openSsh.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidDataException("not an OpenSSH private key");
        var reader = new SshReader(Convert.FromBase64String(openSsh[(start + Begin.Length)..end]));
        if (!reader.Bytes(Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("not an openssh-key-v1 key");
        if (reader.Text() != "none" || reader.Text() != "none")
            throw new InvalidDataException("encrypted OpenSSH keys are not supported");
        reader.Blob();
        if (reader.UInt32() != 1)
            throw new InvalidDataException("expected exactly one key");
        reader.Blob();
        var secret = new SshReader(reader.Blob());
        if (secret.UInt32() != secret.UInt32())
            throw new InvalidDataException("corrupt OpenSSH private key (check mismatch)");
        if (secret.Text() != KeyType)
            throw new InvalidDataException("only ssh-ed25519 keys are supported");
        var publicKey = secret.Blob();
        var privateKey = secret.Blob();
        if (publicKey.Length != 32 || privateKey.Length != 64)
            throw new InvalidDataException("corrupt ssh-ed25519 key");
        var key = new RegistrySigningKey(privateKey[..32]);
        if (!key.PublicKey.SequenceEqual(publicKey))
            throw new InvalidDataException("ssh-ed25519 public key does not match its private key");
        return key;
    }

    private byte[] PublicBlob() => [.. SshString(Encoding.ASCII.GetBytes(KeyType)), .. SshString(PublicKey)];

    private string ToOpenSsh()
    {
        var check = RandomNumberGenerator.GetBytes(4);
        var secret = new List<byte>();
        secret.AddRange(check);
        secret.AddRange(check);
        secret.AddRange(PublicBlob());
        secret.AddRange(SshString([.. _seed, .. PublicKey]));
        secret.AddRange(SshString([]));
        for (byte pad = 1; secret.Count % 8 != 0; pad++)
            secret.Add(pad);
        byte[] body =
        [
            .. Magic, .. SshString("none"u8), .. SshString("none"u8), .. SshString([]), 0, 0, 0, 1,
            .. SshString(PublicBlob()), .. SshString(secret.ToArray()),
        ];
        var base64 = Convert.ToBase64String(body);
        var lines = Enumerable.Range(0, (base64.Length + 69) / 70)
            .Select(i => base64.Substring(i * 70, Math.Min(70, base64.Length - i * 70)));
        return $"{Begin}\n{string.Join('\n', lines)}\n{End}\n";
    }

    private static byte[] SshString(ReadOnlySpan<byte> value)
    {
        var result = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)value.Length);
        value.CopyTo(result.AsSpan(4));
        return result;
    }
}

using System.Numerics;
using System.Security.Cryptography;

namespace Corral.Store.Registry;

/// <summary>
/// Ed25519 signing (RFC 8032 §5.1) for Ollama's registry key; .NET has no Ed25519 API. Plain BigInteger
/// arithmetic: one signature per token request, so clarity beats speed. Not constant-time; the key only
/// identifies this machine to a registry.
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    public static byte[] PublicKey(ReadOnlySpan<byte> seed)
    {
        var (scalar, _) = Expand(seed);
        return Encode(Multiply(Base, scalar));
    }

    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var (scalar, prefix) = Expand(seed);
        var publicKey = Encode(Multiply(Base, scalar));
        var r = Mod(FromLittleEndian(SHA512.HashData([.. prefix, .. message])), L);
        var encodedR = Encode(Multiply(Base, r));
        var k = Mod(FromLittleEndian(SHA512.HashData([.. encodedR, .. publicKey, .. message])), L);
        var s = Mod(r + k * scalar, L);
        return [.. encodedR, .. ToLittleEndian(s)];
    }

    private static (BigInteger Scalar, byte[] Prefix) Expand(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        var hash = SHA512.HashData(seed);
        hash[0] &= 248;
        hash[31] &= 127;
        hash[31] |= 64;
        return (FromLittleEndian(hash.AsSpan(0, 32)), hash[32..]);
    }

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    // Extended twisted Edwards coordinates, "add-2008-hwcd-3"; the formula is unified, so it also doubles.
    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        for (var i = (int)scalar.GetBitLength() - 1; i >= 0; i--)
        {
            result = Add(result, result);
            if (!(scalar >> i).IsEven)
                result = Add(result, point);
        }
        return result;
    }

    private static byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var bytes = ToLittleEndian(Mod(point.Y * zInverse));
        if (!x.IsEven)
            bytes[31] |= 0x80;
        return bytes;
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var xx = Mod((y * y - 1) * Inverse(D * y * y + 1));
        var x = BigInteger.ModPow(xx, (P + 3) / 8, P);
        if (Mod(x * x - xx) != 0)
            x = Mod(x * SqrtMinusOne);
        if (!x.IsEven)
            x = P - x;
        return new Point(x, y, 1, Mod(x * y));
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger Mod(BigInteger value) => Mod(value, P);

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var result = value % modulus;
        return result.Sign < 0 ? result + modulus : result;
    }

    private static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true);

    private static byte[] ToLittleEndian(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }
}

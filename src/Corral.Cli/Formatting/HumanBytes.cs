using System.Globalization;

namespace Corral.Cli.Formatting;

/// <summary>
/// Decimal byte sizes as Ollama's <c>format.HumanBytes</c> prints them
/// (https://github.com/ollama/ollama/blob/main/format/bytes.go): <c>4.7 GB</c>, <c>24 MB</c>, <c>512 B</c>;
/// whole numbers from 10 up, one decimal below 10 unless the value is whole.
/// </summary>
public static class HumanBytes
{
    private static readonly (long Size, string Unit)[] Units =
        [(1_000_000_000_000, "TB"), (1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB")];

    public static string Format(long bytes)
    {
        foreach (var (size, unit) in Units)
        {
            if (bytes >= size)
            {
                var value = (double)bytes / size;
                return value >= 10 || value == Math.Truncate(value)
                    ? string.Create(CultureInfo.InvariantCulture, $"{(long)value} {unit}")
                    : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
    }
}

using System.Globalization;

namespace Corral.Store.Create;

/// <summary>Ollama's <c>format.HumanNumber</c>, the config's <c>model_type</c> (parameter size: <c>8.0B</c>, <c>135M</c>).</summary>
public static class HumanNumber
{
    public static string Format(ulong n)
    {
        return n switch
        {
            >= 1_000_000_000 => Scaled(n / 1e9, "B", "0.0"),
            >= 1_000_000 => Scaled(n / 1e6, "M", "0.00"),
            >= 1_000 => (n / 1e3).ToString("0", CultureInfo.InvariantCulture) + "K",
            _ => n.ToString(CultureInfo.InvariantCulture),
        };
    }

    // Whole values print without decimals (Go: %.0f), others with one (B) or two (M) decimals; K is always whole.
    private static string Scaled(double value, string unit, string fractional) =>
        (value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString(fractional, CultureInfo.InvariantCulture)) + unit;
}

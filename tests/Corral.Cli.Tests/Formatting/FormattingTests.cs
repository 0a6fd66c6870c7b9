using Corral.Cli.Formatting;

namespace Corral.Cli.Tests.Formatting;

public sealed class FormattingTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_000, "1 KB")]
    [InlineData(1_700_000, "1.7 MB")]
    [InlineData(24_000_000, "24 MB")]
    [InlineData(24_900_000, "24 MB")]
    [InlineData(4_700_000_000, "4.7 GB")]
    [InlineData(2_000_000_000_000, "2 TB")]
    public void HumanBytes_uses_decimal_units_like_ollama(long bytes, string expected)
    {
        Assert.Equal(expected, HumanBytes.Format(bytes));
    }

    [Theory]
    [InlineData(0.5, "Less than a second ago")]
    [InlineData(1, "1 second ago")]
    [InlineData(45, "45 seconds ago")]
    [InlineData(90, "About a minute ago")]
    [InlineData(60 * 5, "5 minutes ago")]
    [InlineData(3600 * 1.2, "About an hour ago")]
    [InlineData(3600 * 30, "30 hours ago")]
    [InlineData(86400 * 3, "3 days ago")]
    [InlineData(86400 * 15, "2 weeks ago")]
    [InlineData(86400 * 90, "3 months ago")]
    [InlineData(86400 * 800, "2 years ago")]
    [InlineData(-60 * 4.5, "4 minutes from now")]
    [InlineData(-86400.0 * 365 * 30, "Forever")]
    public void HumanTime_matches_ollamas_wording(double secondsAgo, string expected)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, HumanTime.Format(now.AddSeconds(-secondsAgo), now, "Never"));
    }

    [Fact]
    public void HumanTime_of_the_zero_time_is_the_given_text()
    {
        Assert.Equal("Never", HumanTime.Format(default, DateTimeOffset.UtcNow, "Never"));
    }

    [Fact]
    public void TextTable_pads_every_cell_to_its_column_and_four_spaces()
    {
        var text = TextTable.Render(["NAME", "ID"], [["a:latest", "0123"], ["bb", "x"]]);

        Assert.Equal("NAME        ID      \na:latest    0123    \nbb          x       \n", text);
    }

    [Fact]
    public void Metrics_print_ollamas_labels_durations_and_rates()
    {
        var text = MetricsWriter.Format(3_000_000_000, 1_500_000, 10, 500_000_000, 4, 2_000_000_000);

        Assert.Equal("""
            total duration:       3s
            load duration:        1.5ms
            prompt eval count:    10 token(s)
            prompt eval duration: 500ms
            prompt eval rate:     20.00 tokens/s
            eval count:           4 token(s)
            eval duration:        2s
            eval rate:            2.00 tokens/s

            """, text);
    }
}

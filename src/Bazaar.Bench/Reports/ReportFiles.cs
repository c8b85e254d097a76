using System.Text.Json;

namespace Bazaar.Bench.Reports;

/// <summary>Writes report.json and report.html into the output folder.</summary>
internal static class ReportFiles
{
    public static async Task<(string Json, string Html)> WriteAsync(BenchReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "report.json");
        var html = Path.Combine(folder, "report.html");
        await File.WriteAllBytesAsync(json, JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Default.BenchReport), cancellationToken);
        await File.WriteAllTextAsync(html, HtmlReport.Render(report), cancellationToken);
        return (json, html);
    }
}

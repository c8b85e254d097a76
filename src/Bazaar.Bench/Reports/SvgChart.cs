using System.Globalization;
using System.Net;
using System.Text;

namespace Bazaar.Bench.Reports;

/// <summary>A line chart as inline SVG: no script, no CDN, opens offline in any browser.</summary>
internal static class SvgChart
{
    public sealed record Series(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

    private const double Width = 760, Height = 300, Left = 70, Right = 20, Top = 30, Bottom = 45;

    /// <param name="xLabel">Formats an x value for the axis ticks (e.g. a percentile from its log-scale position).</param>
    public static string Render(string title, string xTitle, string yTitle, IReadOnlyList<Series> series, Func<double, string> xLabel, IReadOnlyList<double>? xTicks = null)
    {
        double minX = double.MaxValue, maxX = double.MinValue, maxY = 0;
        foreach (var line in series)
        {
            foreach (var (x, y) in line.Points)
            {
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                maxY = Math.Max(maxY, y);
            }
        }
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-weight=\"bold\">{Escape(title)}</text>"));
        if (minX == double.MaxValue)
        {
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no data</text></svg>"));
            return svg.ToString();
        }
        if (maxX <= minX) maxX = minX + 1;
        maxY = NiceCeiling(maxY);
        double PlotX(double x) => Left + (x - minX) / (maxX - minX) * (Width - Left - Right);
        double PlotY(double y) => Height - Bottom - y / maxY * (Height - Top - Bottom);

        // Axes, horizontal grid and y ticks.
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>"));
        for (var i = 0; i <= 5; i++)
        {
            var value = maxY * i / 5;
            var y = PlotY(value);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{value:#,0.###}</text>"));
        }
        var ticks = xTicks ?? Enumerable.Range(0, 6).Select(i => minX + (maxX - minX) * i / 5).ToList();
        foreach (var tick in ticks)
        {
            if (tick < minX || tick > maxX) continue;
            var x = PlotX(tick);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{Height - Bottom}\" x2=\"{x:F1}\" y2=\"{Height - Bottom + 4}\" stroke=\"#333\"/>"));
            svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Escape(xLabel(tick))}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"12\">{Escape(xTitle)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Escape(yTitle)}</text>"));

        var legendX = Left + 10;
        foreach (var line in series)
        {
            if (line.Points.Count == 0) continue;
            var path = new StringBuilder();
            foreach (var (x, y) in line.Points) path.Append(Invariant($"{(path.Length == 0 ? "M" : " L")}{PlotX(x):F1},{PlotY(y):F1}"));
            svg.Append(Invariant($"<path d=\"{path}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"1.8\"/>"));
            svg.Append(Invariant($"<rect x=\"{legendX}\" y=\"{Top - 2}\" width=\"12\" height=\"4\" fill=\"{line.Color}\"/>"));
            svg.Append(Invariant($"<text x=\"{legendX + 16}\" y=\"{Top + 3}\" font-size=\"11\">{Escape(line.Name)}</text>"));
            legendX += 24 + 7 * line.Name.Length;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= value) return step * power;
        }
        return 10 * power;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

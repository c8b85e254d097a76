namespace Bazaar.Bench.Control;

/// <summary>Where the Host API listens: <c>--host</c> when given, else the address the running
/// Host keeps in <c>&lt;data-dir&gt;/run/host-api</c> (src/Bazaar.Host/Configuration/HostPaths.cs).</summary>
internal static class HostApiAddress
{
    public const string Hint = "start the Host (`dotnet run --project src/Bazaar.Host`) or pass --host <url>";

    public static Uri Locate(Uri? host, string dataDir)
    {
        if (host is not null)
        {
            return host;
        }
        var file = Path.Combine(Path.GetFullPath(dataDir), "run", "host-api");
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HostApiException($"no Host is running with the data dir {dataDir} ({file} does not exist); {Hint}.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HostApiException($"cannot read {file} ({exception.Message}); {Hint}.");
        }
        return IsHttpUrl(text, out var address)
            ? address
            : throw new HostApiException($"{file} holds '{text}', not the Host API's URL; {Hint}.");
    }

    public static bool IsHttpUrl(string text, out Uri address) =>
        Uri.TryCreate(text, UriKind.Absolute, out address!) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
}

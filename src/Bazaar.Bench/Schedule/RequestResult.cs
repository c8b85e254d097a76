namespace Bazaar.Bench.Schedule;

/// <summary>What one request came to: its type (an index into the scenario's request types) and,
/// when it failed, the kind of failure (<c>HTTP 500</c>, <c>HttpRequestException</c>, ...).</summary>
internal readonly record struct RequestResult(int Type, string? Error)
{
    public static RequestResult Ok(int type) => new(type, null);

    public static RequestResult Failed(int type, string error) => new(type, error);

    public bool Succeeded => Error is null;
}

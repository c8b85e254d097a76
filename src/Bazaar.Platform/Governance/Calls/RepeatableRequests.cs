namespace Bazaar.Platform.Governance.Calls;

public static class RepeatableRequests
{
    private static readonly HttpRequestOptionsKey<bool> Key = new("bazaar.repeatable");

    /// <summary>Says that the callee deduplicates this write by an id in it (a reservation id, an
    /// order id), so the traffic policy may retry it like a GET or a write with an Idempotency-Key.</summary>
    public static HttpRequestMessage MarkRepeatable(this HttpRequestMessage request)
    {
        request.Options.Set(Key, true);
        return request;
    }

    public static bool IsMarkedRepeatable(this HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var repeatable) && repeatable;
}

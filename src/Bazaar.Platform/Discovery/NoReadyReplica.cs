namespace Bazaar.Platform.Discovery;

public static class NoReadyReplica
{
    /// <summary>Service discovery's way of saying a name has no ready replica: it throws
    /// InvalidOperationException ("The endpoint collection contains no endpoints").</summary>
    public static bool Is(Exception exception) =>
        exception is InvalidOperationException { Source: "Microsoft.Extensions.ServiceDiscovery" };
}

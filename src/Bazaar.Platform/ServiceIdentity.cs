namespace Bazaar.Platform;

/// <summary>Who this process is: the logical service name, which replica of it, and which version
/// (the subset traffic policy routes by, like a pod's <c>version</c> label).</summary>
/// <remarks>The Host sets <c>Bazaar:Service</c>, <c>Bazaar:Replica</c> and <c>Bazaar:Version</c>; in
/// Kubernetes the replica is the pod name (HOSTNAME).</remarks>
public sealed record ServiceIdentity(string Service, string Replica, string Version = ServiceIdentity.DefaultVersion)
{
    public const string DefaultVersion = "v1";

    internal static ServiceIdentity From(IConfiguration configuration, string defaultService) => new(
        configuration["Bazaar:Service"] ?? defaultService,
        configuration["Bazaar:Replica"] ?? Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName,
        configuration["Bazaar:Version"] ?? DefaultVersion);
}

namespace Bazaar.Platform;

/// <summary>Who this process is: the logical service name and which replica of it.</summary>
/// <remarks>The Host sets <c>Bazaar:Service</c> and <c>Bazaar:Replica</c>; in Kubernetes the
/// replica is the pod name (HOSTNAME).</remarks>
public sealed record ServiceIdentity(string Service, string Replica)
{
    internal static ServiceIdentity From(IConfiguration configuration, string defaultService) => new(
        configuration["Bazaar:Service"] ?? defaultService,
        configuration["Bazaar:Replica"] ?? Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName);
}

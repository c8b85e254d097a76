namespace Bazaar.Host;

/// <summary>A condition the operator must fix before the Host can run (a missing build, another
/// Host on the same data, a port in use); its message is the one line printed.</summary>
internal sealed class HostStartupException(string message) : Exception(message);

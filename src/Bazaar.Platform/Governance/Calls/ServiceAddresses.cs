using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace Bazaar.Platform.Governance.Calls;

internal static class ServiceAddresses
{
    /// <summary>A discovered endpoint as a base address. Under the Host it is a replica's URL; in a
    /// cluster it is the service's DNS name, whose port and scheme come from the request.</summary>
    public static Uri ToUri(EndPoint endpoint, Uri target) => endpoint switch
    {
        UriEndPoint uri => uri.Uri,
        IPEndPoint ip => new UriBuilder(target.Scheme, ip.Address.ToString(), ip.Port).Uri,
        DnsEndPoint dns => new UriBuilder(target.Scheme, dns.Host, dns.Port > 0 ? dns.Port : target.Port).Uri,
        _ => target,
    };
}

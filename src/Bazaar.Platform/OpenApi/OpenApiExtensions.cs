namespace Bazaar.Platform.OpenApi;

internal static class OpenApiExtensions
{
    /// <summary>Each service describes its public API at <c>/openapi/v1.json</c>, titled with the
    /// service's name. Service-to-service endpoints (<c>/internal/...</c>) are left out: the gateway
    /// never routes them, so a public reference must not offer them.</summary>
    public static void AddBazaarOpenApi(this WebApplicationBuilder builder, ServiceIdentity identity) =>
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = identity.Service;
            foreach (var path in document.Paths.Keys.Where(path => path.StartsWith("/internal/", StringComparison.Ordinal)).ToList())
            {
                document.Paths.Remove(path);
            }
            return Task.CompletedTask;
        }));
}

using System.Data.Common;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Catalog.Caching;

/// <summary>What a failed read of the catalog database is, and the answer when no stale page can
/// stand in: a 503 the caller may retry, never a 500.</summary>
internal static class CatalogUnavailable
{
    /// <summary>The database could not be read: SQLite's errors (cannot open, busy, locked, I/O)
    /// are <see cref="DbException"/>s; a timeout is the read taking too long.</summary>
    public static bool IsReadFailure(Exception exception) => exception is DbException or TimeoutException;

    public static ProblemHttpResult Answer(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problem.Unavailable("catalog-unavailable", "The catalog is unavailable", "The catalog cannot be read right now; try again shortly.");
    }
}

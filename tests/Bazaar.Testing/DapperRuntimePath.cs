using Dapper;

namespace Bazaar.Testing;

/// <summary>What reached Dapper's runtime path. A Native AOT build cannot run Dapper's runtime
/// mapper (it emits IL), so every call of a service with generated data access must be one that
/// Dapper.AOT generated at compile time. A call the generator cannot type is left to the runtime
/// path without a warning; when it runs, its SQL lands in Dapper's query cache, which generated
/// calls never touch. The cache is process-wide: a test that reads it runs in a collection with
/// parallelisation off, and drives the service only through its API.</summary>
public static class DapperRuntimePath
{
    /// <summary>Forgets what ran before.</summary>
    public static void Reset() => SqlMapper.PurgeQueryCache();

    /// <summary>The SQL of every statement that took the runtime path since <see cref="Reset"/>.</summary>
    public static IReadOnlyList<string> Statements() => [.. SqlMapper.GetCachedSQL().Select(entry => entry.Item2)];
}

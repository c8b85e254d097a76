using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Platform.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header of a write a client may retry, as Stripe uses it: the
/// same key with the same body returns the first answer; the same key with another body is a 409.
/// Each service stores keys next to the rows they protect, in the same transaction.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>The key, or a 400 problem when it is missing or malformed.</summary>
    public static bool TryRead(HttpRequest request, out string key, out ProblemHttpResult? problem)
    {
        key = request.Headers[Header].ToString().Trim();
        problem = null;
        if (key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~')) return true;

        problem = Problem.Create(StatusCodes.Status400BadRequest, "idempotency-key-required", "Idempotency-Key required",
            $"This write must carry an {Header} header of 1 to {MaxLength} printable ASCII characters, so that a retry cannot apply it twice.");
        return false;
    }

    /// <summary>A fingerprint of the request body, to tell a true retry from a reused key.</summary>
    public static string Fingerprint<T>(T body, JsonTypeInfo<T> typeInfo) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo)));

    public static ProblemHttpResult ReusedWithAnotherBody() =>
        Problem.Conflict("idempotency-key-reused", "Idempotency-Key reused",
            $"This {Header} was already used with a different request body; use a new key for a new request.");
}

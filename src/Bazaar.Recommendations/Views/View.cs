using System.ComponentModel.DataAnnotations;

namespace Bazaar.Recommendations.Views;

/// <summary>A product page was seen. <c>sessionId</c> groups an anonymous visitor's views; a signed-in
/// caller's views are grouped by the user id from the token instead (never from the body).</summary>
public sealed record ViewRequest(
    [Required, StringLength(64, MinimumLength = 1)] string Sku,
    [StringLength(64, MinimumLength = 1), RegularExpression("^[A-Za-z0-9_-]+$")] string? SessionId);

/// <summary>One view as queued: <see cref="Session"/> is <c>u:{userId}</c> or <c>s:{sessionId}</c>,
/// <see cref="At"/> the time it was received (unix ms).</summary>
internal sealed record View(string Session, Guid? UserId, string Sku, long At);

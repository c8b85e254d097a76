using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;
using Microsoft.Extensions.Options;

namespace Bazaar.Users;

/// <summary>Bound from <c>Users</c>.</summary>
public sealed class UsersOptions
{
    [TimeSpanRange("00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token may be used; every use replaces it with a new one.</summary>
    [TimeSpanRange("00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The first administrator, created at start-up when both are set (from the
    /// environment: <c>Users__Admin__Email</c>, <c>Users__Admin__Password</c>). There is no
    /// built-in default password.</summary>
    public AdminAccountOptions Admin { get; set; } = new();

    [ValidateObjectMembers]
    public LockoutOptions Lockout { get; set; } = new();

    [ValidateObjectMembers]
    public SigningKeyOptions Keys { get; set; } = new();

    [ValidateObjectMembers]
    public DemoSeedOptions Seed { get; set; } = new();
}

public sealed class AdminAccountOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Failed logins for one email within <see cref="Window"/> beyond which logins are refused
/// without looking at the password.</summary>
public sealed class LockoutOptions
{
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Rotation of the keys that sign access tokens.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>How long a key signs before its successor takes over.</summary>
    [TimeSpanRange("00:01:00", "365.00:00:00")]
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a new key is published before it signs, so every validator's cached
    /// key set holds it by then.</summary>
    [TimeSpanRange("00:00:01", "30.00:00:00")]
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica checks whether a rotation is due and reloads the keys.</summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Deterministic demo accounts (<c>demo-00001@bazaar.test</c> ...) with a published
/// password: none by default, a few on the local platform (the Host asks for 20), 100,000 for
/// benchmarks.</summary>
public sealed class DemoSeedOptions
{
    [Range(0, 1_000_000)]
    public int Users { get; set; }

    [Required, StringLength(int.MaxValue, MinimumLength = 8)]
    public string Password { get; set; } = "demo-password";
}

[OptionsValidator]
internal sealed partial class UsersOptionsValidator : IValidateOptions<UsersOptions>;

using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users;

/// <summary>Bound from <c>Users</c>.</summary>
public sealed class UsersOptions
{
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first administrator, created at start-up when both are set (from the
    /// environment: <c>Users__Admin__Email</c>, <c>Users__Admin__Password</c>). There is no
    /// built-in default password.</summary>
    public AdminAccountOptions Admin { get; set; } = new();
}

public sealed class AdminAccountOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

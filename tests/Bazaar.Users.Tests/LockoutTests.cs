using System.Net;
using System.Net.Http.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class LockoutTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        _client.PostAsJsonAsync("/api/users/login", new { email, password }, TestContext.Current.CancellationToken);

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await (await LoginAsync(email, "wrong horse")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        }
    }

    [Fact]
    public async Task Five_failures_lock_the_email_even_against_the_right_password_until_the_window_passes()
    {
        var email = UsersFactory.UniqueEmail();
        await service.SignUpAsync(email);
        await FailAsync(email, 5);

        var locked = await LoginAsync(email.ToUpperInvariant(), UsersFactory.Password);
        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.Equal(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);

        service.Clock.Advance(TimeSpan.FromMinutes(10));
        var stillLocked = await LoginAsync(email, UsersFactory.Password);
        await stillLocked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.Equal(TimeSpan.FromMinutes(5), stillLocked.Headers.RetryAfter?.Delta);

        service.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, UsersFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Unknown_emails_are_locked_alike()
    {
        var email = UsersFactory.UniqueEmail();
        await FailAsync(email, 5);

        var locked = await LoginAsync(email, "wrong horse");
        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Parallel_guesses_cannot_slip_past_the_limit()
    {
        var email = UsersFactory.UniqueEmail();
        await service.SignUpAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LoginAsync(email, "wrong horse")));

        // Each guess is counted before its password is checked: at most five are ever checked.
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized) <= 5);
        Assert.Equal(20, answers.Count(a => a.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, UsersFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task A_successful_login_clears_the_failures()
    {
        var email = UsersFactory.UniqueEmail();
        await service.SignUpAsync(email);
        await FailAsync(email, 4);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, UsersFactory.Password)).StatusCode);

        await FailAsync(email, 4);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, UsersFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Failures_of_one_email_do_not_lock_another()
    {
        var other = UsersFactory.UniqueEmail();
        await service.SignUpAsync(other);
        await FailAsync(UsersFactory.UniqueEmail(), 5);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(other, UsersFactory.Password)).StatusCode);
    }
}

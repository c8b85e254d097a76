using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class AccountApiTests(ServiceFactory<Program> service) : IClassFixture<ServiceFactory<Program>>
{
    private readonly HttpClient _client = service.CreateClient();

    private static string UniqueEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Registering_the_same_email_in_another_case_is_a_conflict()
    {
        var email = UniqueEmail();
        await _client.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse", name = "Ann" }, TestContext.Current.CancellationToken);
        var again = await _client.PostAsJsonAsync("/api/users/register", new { email = email.ToUpperInvariant(), password = "other horse", name = "Bob" }, TestContext.Current.CancellationToken);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "email-taken");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_answer_alike()
    {
        var email = UniqueEmail();
        await _client.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse", name = "Ann" }, TestContext.Current.CancellationToken);

        var wrongPassword = await _client.PostAsJsonAsync("/api/users/login", new { email, password = "wrong horse" }, TestContext.Current.CancellationToken);
        var unknownEmail = await _client.PostAsJsonAsync("/api/users/login", new { email = UniqueEmail(), password = "correct horse" }, TestContext.Current.CancellationToken);

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","password":"correct horse","name":"Ann"}""", "Email")]
    [InlineData("""{"email":"a@example.com","password":"short","name":"Ann"}""", "Password")]
    [InlineData("""{"email":"a@example.com","password":"correct horse"}""", "Name")]
    [InlineData("""{"email":"same@example.com","password":"SAME@example.com","name":"Ann"}""", "password")]
    public async Task Invalid_registrations_name_the_field_and_create_nothing(string body, string field)
    {
        var response = await _client.PostAsync("/api/users/register", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");

        var email = JsonDocument.Parse(body).RootElement.GetProperty("email").GetString();
        var login = await _client.PostAsJsonAsync("/api/users/login", new { email, password = "correct horse" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("{\"email\": 5")]
    [InlineData("{\"email\": 5, \"password\": true, \"name\": []}")]
    [InlineData("not json")]
    public async Task Malformed_bodies_are_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/api/users/register", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_profile_needs_a_valid_token()
    {
        var anonymous = await _client.GetAsync("/api/users/me", TestContext.Current.CancellationToken);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        tampered.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.Tokens.Issue(Guid.NewGuid(), signWith: new(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = "test-key" }));
        var response = await _client.SendAsync(tampered, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

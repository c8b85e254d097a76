using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Testing;

public static class ProblemAssertions
{
    /// <summary>Asserts the response is an RFC 9457 problem with the status and (when given) the
    /// Bazaar problem type slug; returns the parsed problem for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? typeSlug = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (typeSlug is not null)
        {
            Assert.Equal("urn:bazaar:problem:" + typeSlug, problem.GetProperty("type").GetString());
        }
        return problem;
    }
}

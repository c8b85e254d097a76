using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests.Releases;

/// <summary>A deployment's revisions and who may change its replica counts (no process is started:
/// every replica set here stays at zero).</summary>
public sealed class DeploymentTests : IAsyncDisposable
{
    private readonly SupervisorHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Deployment Create() => new("user-service", new ServiceOptions { Project = "Bazaar.Users" }, Template(1, "v1"),
        template => new ReplicaSet("user-service", "user-service", template, 0, _harness.Supervisors, _harness.Registry,
            TimeSpan.FromSeconds(1), TimeSpan.Zero, Ct));

    private static ReplicaTemplate Template(int revision, string version) =>
        new(revision, Artifacts.UserService, version, new Dictionary<string, string>());

    [Fact]
    public async Task While_a_rollout_is_under_way_nothing_else_may_scale_the_deployment()
    {
        var deployment = Create();
        Assert.True(await deployment.ScaleAsync(0, Ct));

        await deployment.BeginRolloutAsync(Template(deployment.NextRevision, "v2"), Ct);

        Assert.False(await deployment.ScaleAsync(0, Ct));
        deployment.AbandonRollout();
        Assert.True(await deployment.ScaleAsync(0, Ct));
    }

    [Fact]
    public async Task A_completed_rollout_makes_its_revision_current_and_part_of_the_history()
    {
        var deployment = Create();
        var incoming = await deployment.BeginRolloutAsync(Template(deployment.NextRevision, "v2"), Ct);

        var previous = deployment.CompleteRollout();

        Assert.Same(incoming, deployment.Current);
        Assert.Equal(1, previous.Template.Revision);
        Assert.Null(deployment.Incoming);
        Assert.Equal([1, 2], deployment.History.Select(template => template.Revision));
    }

    [Fact]
    public async Task A_given_up_revision_keeps_its_number_but_stays_out_of_the_history()
    {
        var deployment = Create();
        await deployment.BeginRolloutAsync(Template(deployment.NextRevision, "broken"), Ct);
        deployment.AbandonRollout();

        Assert.Equal(3, deployment.NextRevision);
        Assert.Equal([1], deployment.History.Select(template => template.Revision));
        Assert.Equal("v1", deployment.Current.Template.Version);
    }

    [Fact]
    public async Task Only_one_rollout_at_a_time()
    {
        var deployment = Create();
        await deployment.BeginRolloutAsync(Template(2, "v2"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => deployment.BeginRolloutAsync(Template(3, "v3"), Ct));
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}

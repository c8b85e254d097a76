using Bazaar.Host.Autoscaling;
using Bazaar.Host.Configuration;
using Bazaar.Host.Metrics;
using Bazaar.Host.Supervision;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>CPU samples from process CPU time, and which replicas count as ready for the autoscaler.</summary>
public sealed class ReplicaSamplerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = Pods.T0;
    private readonly ReplicaMetricsReader _reader = new();

    private static ReplicaObservation Ready(string replica, int pid, DateTimeOffset since, double cpuSeconds) =>
        new(replica, ReplicaState.Ready, "http://127.0.0.1:1", pid, since, TimeSpan.FromSeconds(cpuSeconds));

    private Task<IReadOnlyList<PodSample>> SampleAsync(ReplicaSampler sampler, DateTimeOffset at, params ReplicaObservation[] replicas) =>
        sampler.SampleAsync(replicas, at, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Cpu_is_the_cpu_time_used_over_the_period_in_millicores()
    {
        var sampler = new ReplicaSampler(secondMetric: null, _reader);
        await SampleAsync(sampler, T0, Ready("a-0", 10, T0.AddMinutes(-1), cpuSeconds: 100));

        var samples = await SampleAsync(sampler, T0.AddSeconds(15), Ready("a-0", 10, T0.AddMinutes(-1), cpuSeconds: 106));

        var sample = Assert.Single(samples);
        Assert.True(sample.Ready);
        Assert.Equal(400, sample.CpuMillicores!.Value, precision: 6); // 6 s of CPU in 15 s
    }

    [Fact]
    public async Task A_replica_counts_only_once_a_whole_period_lies_after_it_became_ready()
    {
        var sampler = new ReplicaSampler(secondMetric: null, _reader);
        var first = await SampleAsync(sampler, T0, Ready("a-0", 10, T0.AddSeconds(-1), 1));
        // Became ready after the previous sync: this period's CPU includes its start-up.
        var second = await SampleAsync(sampler, T0.AddSeconds(15), Ready("a-0", 10, T0.AddSeconds(5), 9));
        var third = await SampleAsync(sampler, T0.AddSeconds(30), Ready("a-0", 10, T0.AddSeconds(5), 10));

        Assert.False(first.Single().Ready);
        Assert.False(second.Single().Ready);
        Assert.True(third.Single().Ready);
    }

    [Fact]
    public async Task A_restarted_process_starts_its_window_again()
    {
        var sampler = new ReplicaSampler(secondMetric: null, _reader);
        await SampleAsync(sampler, T0, Ready("a-0", 10, T0.AddMinutes(-1), 100));

        var samples = await SampleAsync(sampler, T0.AddSeconds(15), Ready("a-0", 11, T0.AddMinutes(-1), 2));

        Assert.False(samples.Single().Ready);
        Assert.Null(samples.Single().CpuMillicores);
    }

    [Fact]
    public async Task A_replica_without_a_process_or_not_ready_is_not_ready()
    {
        var sampler = new ReplicaSampler(secondMetric: null, _reader);
        ReplicaObservation[] replicas =
        [
            new("a-0", ReplicaState.CrashLoopBackOff, null, null, null, null),
            new("a-1", ReplicaState.NotReady, "http://127.0.0.1:1", 12, null, TimeSpan.FromSeconds(1)),
        ];
        await SampleAsync(sampler, T0, replicas);

        var samples = await SampleAsync(sampler, T0.AddSeconds(15), replicas);

        Assert.Equal(2, samples.Count);
        Assert.All(samples, sample => Assert.False(sample.Ready));
    }

    [Fact]
    public async Task The_second_metric_of_a_replica_that_does_not_answer_is_missing()
    {
        var sampler = new ReplicaSampler(ReplicaMetric.InFlightRequests, _reader);
        var unreachable = Ready("a-0", 10, T0.AddMinutes(-1), 1) with { Url = "http://127.0.0.1:9" };
        await SampleAsync(sampler, T0, unreachable);

        var sample = (await SampleAsync(sampler, T0.AddSeconds(15), unreachable with { CpuTime = TimeSpan.FromSeconds(2) })).Single();

        Assert.True(sample.Ready);
        Assert.NotNull(sample.CpuMillicores);
        Assert.Null(sample.SecondMetricValue);
    }

    public void Dispose() => _reader.Dispose();
}

using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;

namespace Bazaar.Messaging.Tests;

/// <summary>What every <see cref="IEventTransport"/> must do (the SQLite log now; Redis Streams and
/// Kafka later). A transport's test class derives from this and says how to open a transport on
/// its backing store; a second instance on the same store stands for a restarted process, which
/// keeps its replica name.</summary>
public abstract class TransportConformance
{
    private readonly string _stream = "orders-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A new transport instance on this test's backing store.</summary>
    protected abstract IEventTransport Open();

    [Fact]
    public async Task Fetch_answers_events_in_publish_order()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 10).Select(i => Events.Placed("order-" + (i % 3), i)).ToList();
        await transport.PublishAsync(_stream, published.Take(4).ToList(), Token);
        await transport.PublishAsync(_stream, published.Skip(4).ToList(), Token);

        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        Assert.Equal(published.Select(e => e.Id), fetched.Select(e => e.Envelope.Id));
        Assert.Equal(fetched.Select(e => e.Position).Order(), fetched.Select(e => e.Position));
        Assert.Equal(fetched.Count, fetched.Select(e => e.Position).Distinct().Count());
    }

    [Fact]
    public async Task Fetch_keeps_the_envelope_intact()
    {
        var transport = Open();
        var envelope = Events.Placed("order-1", 42m) with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        await transport.PublishAsync(_stream, [envelope], Token);

        var fetched = Assert.Single(await transport.FetchAsync(_stream, "billing", "replica-1", 10, Token));

        Assert.Equal(envelope.ToJson(), fetched.Envelope.ToJson());
    }

    [Fact]
    public async Task Fetch_answers_at_most_max_events()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 5).Select(i => Events.Placed("order-" + i)).ToList(), Token);

        Assert.Equal(2, (await transport.FetchAsync(_stream, "billing", "replica-1", 2, Token)).Count);
    }

    [Fact]
    public async Task Streams_are_separate()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, [Events.Placed("order-1")], Token);

        Assert.Empty(await transport.FetchAsync(_stream + "-other", "billing", "replica-1", 10, Token));
    }

    [Fact]
    public async Task Consumer_groups_are_independent()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 5).Select(i => Events.Placed("order-" + i)).ToList();
        await transport.PublishAsync(_stream, published, Token);

        await ConsumeAllAsync(transport, "billing");
        var shipping = await transport.FetchAsync(_stream, "shipping", "replica-1", 100, Token);

        Assert.Equal(published.Select(e => e.Id), shipping.Select(e => e.Envelope.Id));
        Assert.Empty(await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token));
    }

    [Fact]
    public async Task Each_group_gets_each_event_once_when_it_commits()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 25).Select(i => Events.Placed("order-" + (i % 4))).ToList();
        foreach (var chunk in published.Chunk(7)) await transport.PublishAsync(_stream, chunk, Token);

        var billing = await ConsumeAllAsync(transport, "billing", batch: 3);
        var shipping = await ConsumeAllAsync(transport, "shipping", batch: 10);

        Assert.Equal(published.Select(e => e.Id), billing.Select(e => e.Id));
        Assert.Equal(published.Select(e => e.Id), shipping.Select(e => e.Id));
    }

    [Fact]
    public async Task After_a_restart_a_group_resumes_after_its_committed_position()
    {
        var first = Open();
        var published = Enumerable.Range(0, 6).Select(i => Events.Placed("order-" + i)).ToList();
        await first.PublishAsync(_stream, published, Token);
        var fetched = await first.FetchAsync(_stream, "billing", "replica-1", 4, Token);
        await first.CommitAsync(_stream, "billing", "replica-1", fetched[2].Position, Token);

        var restarted = Open();
        var resumed = await restarted.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        Assert.Equal(published.Skip(3).Select(e => e.Id), resumed.Select(e => e.Envelope.Id));
    }

    [Fact]
    public async Task Uncommitted_events_are_delivered_again_after_a_restart()
    {
        var first = Open();
        var published = Enumerable.Range(0, 3).Select(i => Events.Placed("order-" + i)).ToList();
        await first.PublishAsync(_stream, published, Token);
        Assert.Equal(3, (await first.FetchAsync(_stream, "billing", "replica-1", 100, Token)).Count);

        var restarted = Open();
        var again = await restarted.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        Assert.Equal(published.Select(e => e.Id), again.Select(e => e.Envelope.Id));
    }

    [Fact]
    public async Task A_commit_never_moves_the_position_back()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 4).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        await transport.CommitAsync(_stream, "billing", "replica-1", fetched[3].Position, Token);
        await transport.CommitAsync(_stream, "billing", "replica-1", fetched[0].Position, Token);

        Assert.Empty(await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token));
    }

    [Fact]
    public async Task A_republished_event_is_delivered_once()
    {
        var transport = Open();
        var envelope = Events.Placed("order-1");
        var other = Events.Placed("order-2");
        await transport.PublishAsync(_stream, [envelope], Token);
        await transport.PublishAsync(_stream, [envelope, other], Token);
        await Open().PublishAsync(_stream, [envelope], Token);

        var delivered = await ConsumeAllAsync(transport, "billing");

        Assert.Equal([envelope.Id, other.Id], delivered.Select(e => e.Id));
    }

    [Fact]
    public async Task Events_of_one_subject_arrive_in_order()
    {
        var transport = Open();
        var published = new List<CloudEvent>();
        for (var step = 0; step < 5; step++)
        {
            var batch = Enumerable.Range(0, 4).Select(order => Events.Placed("order-" + order, step)).ToList();
            published.AddRange(batch);
            await transport.PublishAsync(_stream, batch, Token);
        }

        var delivered = await ConsumeAllAsync(transport, "billing", batch: 3);

        foreach (var subject in published.GroupBy(e => e.Subject))
        {
            Assert.Equal(subject.Select(e => e.Id), delivered.Where(e => e.Subject == subject.Key).Select(e => e.Id));
            Assert.Equal([0m, 1m, 2m, 3m, 4m], delivered.Where(e => e.Subject == subject.Key).Select(e => e.Total()));
        }
    }

    [Fact]
    public async Task A_group_rewound_to_zero_fetches_the_whole_stream_again()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 6).Select(i => Events.Placed("order-" + (i % 3), i)).ToList();
        await transport.PublishAsync(_stream, published, Token);
        await ConsumeAllAsync(transport, "billing", batch: 4);
        await ConsumeAllAsync(transport, "shipping");

        await transport.RewindAsync(_stream, "billing", 0, Token);

        Assert.Equal(published.Select(e => e.Id), (await ConsumeAllAsync(Open(), "billing", batch: 4)).Select(e => e.Id));
        Assert.Empty(await transport.FetchAsync(_stream, "shipping", "replica-1", 100, Token));
    }

    [Fact]
    public async Task A_group_rewound_to_a_position_fetches_the_events_after_it_again()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 5).Select(i => Events.Placed("order-" + i)).ToList();
        await transport.PublishAsync(_stream, published, Token);
        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token);
        await transport.CommitAsync(_stream, "billing", "replica-1", fetched[^1].Position, Token);

        await transport.RewindAsync(_stream, "billing", fetched[1].Position, Token);

        Assert.Equal(published.Skip(2).Select(e => e.Id), (await ConsumeAllAsync(transport, "billing")).Select(e => e.Id));
    }

    [Fact]
    public async Task A_rewind_never_moves_a_group_forward()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 4).Select(i => Events.Placed("order-" + i)).ToList();
        await transport.PublishAsync(_stream, published, Token);
        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 1, Token);
        await transport.CommitAsync(_stream, "billing", "replica-1", fetched[0].Position, Token);

        await transport.RewindAsync(_stream, "billing", long.MaxValue, Token);
        await transport.RewindAsync(_stream, "never-consumed", 0, Token);

        Assert.Equal(published.Skip(1).Select(e => e.Id), (await ConsumeAllAsync(transport, "billing")).Select(e => e.Id));
        Assert.Equal(published.Select(e => e.Id), (await ConsumeAllAsync(transport, "never-consumed")).Select(e => e.Id));
    }

    [Fact]
    public async Task A_commit_of_a_batch_fetched_before_a_rewind_does_not_undo_it()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 3).Select(i => Events.Placed("order-" + i)).ToList();
        await transport.PublishAsync(_stream, published, Token);
        var inFlight = await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        await transport.RewindAsync(_stream, "billing", 0, Token);
        await transport.CommitAsync(_stream, "billing", "replica-1", inFlight[^1].Position, Token);

        Assert.Equal(published.Select(e => e.Id), (await ConsumeAllAsync(transport, "billing")).Select(e => e.Id));
    }

    [Fact]
    public async Task A_negative_rewind_position_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Open().RewindAsync(_stream, "billing", -1, Token));
    }

    [Fact]
    public async Task An_empty_stream_has_head_zero_and_every_group_has_reached_it()
    {
        var transport = Open();

        Assert.Equal(0, await transport.HeadAsync(_stream, Token));
        Assert.True(await transport.HasReachedAsync(_stream, "billing", 0, Token));
        Assert.True(await transport.HasReachedAsync(_stream, "billing", long.MaxValue, Token)); // no event to commit
    }

    [Fact]
    public async Task The_head_is_the_position_of_the_last_event_of_the_stream()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 3).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        await transport.PublishAsync(_stream + "-other", [Events.Placed("order-9")], Token);
        await transport.PublishAsync(_stream, [Events.Placed("order-3")], Token);

        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 100, Token);

        Assert.Equal(fetched[^1].Position, await transport.HeadAsync(_stream, Token));
        Assert.True(await transport.HeadAsync(_stream + "-other", Token) > 0);
        Assert.Equal(0, await transport.HeadAsync(_stream + "-none", Token));
    }

    [Fact]
    public async Task A_group_has_reached_the_positions_up_to_its_last_commit_only()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 6).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        var head = await transport.HeadAsync(_stream, Token);
        var fetched = await transport.FetchAsync(_stream, "billing", "replica-1", 3, Token);
        Assert.False(await transport.HasReachedAsync(_stream, "billing", fetched[0].Position, Token)); // fetched is not committed

        await transport.CommitAsync(_stream, "billing", "replica-1", fetched[2].Position, Token);

        Assert.True(await transport.HasReachedAsync(_stream, "billing", fetched[1].Position, Token));
        Assert.True(await transport.HasReachedAsync(_stream, "billing", fetched[2].Position, Token));
        Assert.False(await transport.HasReachedAsync(_stream, "billing", head, Token));
        Assert.False(await transport.HasReachedAsync(_stream, "shipping", fetched[0].Position, Token)); // another group
    }

    [Fact]
    public async Task A_group_that_consumed_everything_has_reached_the_head_and_later_events_do_not_change_that()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 5).Select(i => Events.Placed("order-" + (i % 2))).ToList(), Token);
        await ConsumeAllAsync(transport, "billing", batch: 2);
        var head = await transport.HeadAsync(_stream, Token);

        Assert.True(await transport.HasReachedAsync(_stream, "billing", head, Token));

        await transport.PublishAsync(_stream, [Events.Placed("order-7")], Token);
        Assert.True(await transport.HasReachedAsync(_stream, "billing", head, Token));
        Assert.False(await transport.HasReachedAsync(_stream, "billing", await transport.HeadAsync(_stream, Token), Token));
    }

    [Fact]
    public async Task Events_of_many_subjects_count_only_once_all_of_them_are_committed()
    {
        var transport = Open();
        var published = Enumerable.Range(0, 40).Select(i => Events.Placed("order-" + i)).ToList();
        await transport.PublishAsync(_stream, published, Token);
        var head = await transport.HeadAsync(_stream, Token);
        var first = await transport.FetchAsync(_stream, "billing", "replica-1", 20, Token);
        await transport.CommitAsync(_stream, "billing", "replica-1", first[^1].Position, Token);

        Assert.True(await transport.HasReachedAsync(_stream, "billing", first[^1].Position, Token));
        Assert.False(await transport.HasReachedAsync(_stream, "billing", head, Token));

        await ConsumeAllAsync(transport, "billing", batch: 7);
        Assert.True(await transport.HasReachedAsync(_stream, "billing", head, Token));
    }

    [Fact]
    public async Task A_rewound_group_has_not_reached_the_head_until_it_consumed_again()
    {
        var transport = Open();
        await transport.PublishAsync(_stream, Enumerable.Range(0, 4).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        await ConsumeAllAsync(transport, "billing");
        var head = await transport.HeadAsync(_stream, Token);

        await transport.RewindAsync(_stream, "billing", 0, Token);

        Assert.True(await transport.HasReachedAsync(_stream, "billing", 0, Token));
        Assert.False(await transport.HasReachedAsync(_stream, "billing", head, Token));
        await ConsumeAllAsync(transport, "billing");
        Assert.True(await transport.HasReachedAsync(_stream, "billing", head, Token));
    }

    [Fact]
    public async Task A_negative_progress_position_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Open().HasReachedAsync(_stream, "billing", -1, Token));
    }

    /// <summary>Fetches and commits until the group has nothing left.</summary>
    protected async Task<List<CloudEvent>> ConsumeAllAsync(IEventTransport transport, string group, int batch = 100)
    {
        var delivered = new List<CloudEvent>();
        while (true)
        {
            var fetched = await transport.FetchAsync(_stream, group, "replica-1", batch, Token);
            if (fetched.Count == 0) return delivered;
            delivered.AddRange(fetched.Select(e => e.Envelope));
            await transport.CommitAsync(_stream, group, "replica-1", fetched[^1].Position, Token);
        }
    }
}

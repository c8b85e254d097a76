using Bazaar.Host.Configuration;

namespace Bazaar.Host.Supervision;

/// <summary>One entry of <c>Bazaar:Services</c> at run time (a Kubernetes Deployment): the replica
/// set of its current revision, which the autoscaler scales, and during a rollout the set of the
/// incoming revision beside it. Only a rollout changes which revision is current.</summary>
internal sealed class Deployment(string name, ServiceOptions options, ReplicaTemplate initial, Func<ReplicaTemplate, ReplicaSet> createReplicaSet)
{
    private readonly Lock _lock = new();

    // Scaling the current revision and starting a rollout exclude each other: once a rollout has
    // begun, only it changes replica counts, so its arithmetic never races the autoscaler's.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<ReplicaTemplate> _history = [initial];
    private ReplicaSet _current = createReplicaSet(initial);
    private ReplicaSet? _incoming;
    private int _lastRevision = initial.Revision;

    public string Name => name;

    /// <summary>The logical service its replicas serve.</summary>
    public string Service => options.ServiceName(name);

    public ServiceOptions Options => options;

    /// <summary>The revision serving the deployment's traffic.</summary>
    public ReplicaSet Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>The revision a rollout is bringing in, if one is under way.</summary>
    public ReplicaSet? Incoming
    {
        get
        {
            lock (_lock)
            {
                return _incoming;
            }
        }
    }

    /// <summary>Every template that has been current, oldest first (the rollout history; a rollout
    /// given up is not part of it).</summary>
    public IReadOnlyList<ReplicaTemplate> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    public int Replicas => Current.Replicas;

    /// <summary>Scales the current revision; false (and nothing changes) while a rollout owns the counts.</summary>
    public async Task<bool> ScaleAsync(int replicas, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Incoming is not null)
            {
                return false;
            }
            await Current.ScaleAsync(replicas, cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new, empty replica set for <paramref name="template"/>, beside the current one,
    /// once any scaling under way has finished.</summary>
    public async Task<ReplicaSet> BeginRolloutAsync(ReplicaTemplate template, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_incoming is not null)
                {
                    throw new InvalidOperationException($"{name} is already rolling out revision {_incoming.Template.Revision}.");
                }
                _lastRevision = template.Revision;
                return _incoming = createReplicaSet(template);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The incoming revision becomes the current one; answers the one it replaces (to be scaled to zero).</summary>
    public ReplicaSet CompleteRollout()
    {
        lock (_lock)
        {
            var previous = _current;
            _current = _incoming ?? throw new InvalidOperationException($"{name} has no rollout under way.");
            _history.Add(_current.Template);
            _incoming = null;
            return previous;
        }
    }

    /// <summary>The incoming revision is given up (it must already be scaled to zero).</summary>
    public void AbandonRollout()
    {
        lock (_lock)
        {
            _incoming = null;
        }
    }

    /// <summary>The number the next rollout's revision gets (a given-up revision's number is not reused).</summary>
    public int NextRevision
    {
        get
        {
            lock (_lock)
            {
                return _lastRevision + 1;
            }
        }
    }

    /// <summary>Takes every replica of every revision out of the endpoints and stops restarting them.</summary>
    public Task UnpublishAsync() => Task.WhenAll(Sets().Select(set => set.UnpublishAsync()));

    /// <summary>After <see cref="UnpublishAsync"/>: stop every replica within the grace period.</summary>
    public Task TerminateAsync() => Task.WhenAll(Sets().Select(set => set.TerminateAsync()));

    private ReplicaSet[] Sets()
    {
        lock (_lock)
        {
            return _incoming is null ? [_current] : [_current, _incoming];
        }
    }
}

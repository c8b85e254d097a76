namespace Bazaar.Host.Supervision;

/// <summary>The current state of every replica (what the API server is to Kubernetes). Observers
/// are notified one at a time and always with a snapshot taken under the same lock, so the last
/// file written always describes the latest state.</summary>
internal sealed class ReplicaRegistry(IEnumerable<IReplicaObserver> observers)
{
    private readonly Lock _stateLock = new();
    private readonly Lock _notifyLock = new();
    private readonly Dictionary<string, ReplicaStatus> _replicas = new(StringComparer.Ordinal);
    private readonly IReplicaObserver[] _observers = [.. observers];

    public void Set(ReplicaStatus status)
    {
        lock (_stateLock)
        {
            _replicas[status.Replica] = status;
        }
        Notify();
    }

    public void Remove(string replica)
    {
        lock (_stateLock)
        {
            _replicas.Remove(replica);
        }
        Notify();
    }

    /// <summary>Every replica, by service then ordinal (product-service-2 before product-service-10).</summary>
    public IReadOnlyList<ReplicaStatus> Snapshot()
    {
        lock (_stateLock)
        {
            return [.. _replicas.Values
                .OrderBy(replica => replica.Service, StringComparer.Ordinal)
                .ThenBy(replica => replica.Replica.Length)
                .ThenBy(replica => replica.Replica, StringComparer.Ordinal)];
        }
    }

    /// <summary>Tells the observers about the current state even if nothing changed (the first write).</summary>
    public void Notify()
    {
        lock (_notifyLock)
        {
            var snapshot = Snapshot();
            foreach (var observer in _observers)
            {
                observer.OnChanged(snapshot);
            }
        }
    }
}

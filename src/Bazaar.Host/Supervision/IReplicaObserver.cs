namespace Bazaar.Host.Supervision;

/// <summary>Told about every change of any replica, one change at a time, with the whole picture.</summary>
internal interface IReplicaObserver
{
    void OnChanged(IReadOnlyList<ReplicaStatus> replicas);
}

using System.Globalization;
using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;

namespace Bazaar.Host.Supervision;

/// <summary>Keeps one replica running, as the kubelet does for a container: start it, gate
/// liveness and readiness behind the startup probe, publish it only while ready, kill it when
/// liveness fails, and restart it after it ends (restartPolicy) with exponential back-off.</summary>
internal sealed class ReplicaSupervisor(
    ReplicaSpec spec,
    BazaarHostOptions options,
    ReplicaLauncher launcher,
    HttpProbe probe,
    PortAllocator ports,
    ReplicaRegistry registry,
    TimeProvider time,
    ILogger<ReplicaSupervisor> logger)
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _stopping;
    private Task _loop = Task.CompletedTask;
    private ReplicaProcess? _process;
    private ReplicaState _state = ReplicaState.Starting;
    private int _restarts;
    private int _port;
    private DateTimeOffset? _readySince;

    public string Replica => spec.Replica;

    public ReplicaState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>What the autoscaler and rollouts need to know of the replica now.</summary>
    public ReplicaObservation Observe()
    {
        ReplicaProcess? process;
        ReplicaObservation observation;
        lock (_lock)
        {
            process = _process;
            observation = new ReplicaObservation(Replica, _state, process?.Url, process?.Pid, _readySince, null);
        }
        return process?.CpuTime() is { } cpu ? observation with { CpuTime = cpu } : observation;
    }

    /// <summary>Starts supervising; <paramref name="hostStopping"/> ends it without restarts.</summary>
    public void Start(CancellationToken hostStopping)
    {
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        var stopping = _stopping.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    /// <summary>Stops gracefully: unpublish, wait <paramref name="preStopSleep"/> for callers to
    /// notice, close standard input, kill after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace, TimeSpan preStopSleep = default)
    {
        await UnpublishAsync();
        if (preStopSleep > TimeSpan.Zero)
        {
            await Task.Delay(preStopSleep, time);
        }
        await TerminateAsync(grace);
    }

    /// <summary>Ends probing and restarting and takes the replica out of the endpoints.</summary>
    public async Task UnpublishAsync()
    {
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            await stopping.CancelAsync();
            await _loop;
            stopping.Dispose();
        }
        lock (_lock)
        {
            if (_process is not null && _state != ReplicaState.Terminating)
            {
                SetState(ReplicaState.Terminating);
            }
        }
    }

    /// <summary>After <see cref="UnpublishAsync"/>: the stop signal, then a kill after <paramref name="grace"/>.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        ReplicaProcess? process;
        lock (_lock)
        {
            if (_state == ReplicaState.Terminated)
            {
                return;
            }
            process = _process;
        }
        if (process is not null)
        {
            if (!await process.StopAsync(grace))
            {
                logger.LogWarning("{Replica} did not stop within {Grace} s; killed", Replica, Seconds(grace));
            }
            process.Dispose();
        }
        Terminated();
    }

    private void Terminated()
    {
        lock (_lock)
        {
            _process = null;
            SetState(ReplicaState.Terminated);
        }
        if (_port != 0 && spec.FixedPort == 0)
        {
            ports.Release(_port);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var backOff = new RestartBackOff(options.BackOff);
        while (!stopping.IsCancellationRequested)
        {
            var process = Launch(out var reason);
            if (process is not null)
            {
                reason = await WatchAsync(process, stopping);
                if (stopping.IsCancellationRequested)
                {
                    return; // TerminateAsync stops it gracefully.
                }
                if (!process.HasExited)
                {
                    // Liveness failed: the process is hung, so there is no point asking it nicely.
                    process.Kill();
                }
                await process.WaitForExitAsync(CancellationToken.None);
            }

            var exitCode = process?.ExitCode;
            TimeSpan readyFor;
            lock (_lock)
            {
                readyFor = _readySince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
            }
            if (!Restarts(exitCode))
            {
                process?.Dispose();
                Terminated();
                logger.LogWarning("{Replica} {Reason}; not restarted (restartPolicy {Policy})", Replica, reason, options.RestartPolicy);
                return;
            }

            var delay = backOff.Next(readyFor);
            lock (_lock)
            {
                _process = null;
                SetState(ReplicaState.CrashLoopBackOff);
            }
            process?.Dispose();
            logger.LogWarning("{Replica} {Reason}; restarting in {Delay} s", Replica, reason, Seconds(delay));
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _restarts);
        }
    }

    private ReplicaProcess? Launch(out string failure)
    {
        try
        {
            var process = launcher.Launch(spec, ChoosePort());
            lock (_lock)
            {
                _process = process;
                _readySince = null;
                SetState(ReplicaState.Starting);
            }
            failure = "";
            return process;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            failure = $"could not start ({exception.Message})";
            return null;
        }
    }

    /// <summary>A restarted replica keeps its address when it can, like a pod keeping its IP.</summary>
    private int ChoosePort()
    {
        if (spec.FixedPort != 0)
        {
            return _port = spec.FixedPort;
        }
        if (_port != 0 && PortAllocator.IsFree(_port))
        {
            return _port;
        }
        if (_port != 0)
        {
            ports.Release(_port);
        }
        return _port = ports.Allocate();
    }

    private bool Restarts(int? exitCode) => options.RestartPolicy switch
    {
        RestartPolicy.Always => true,
        RestartPolicy.OnFailure => exitCode != 0,
        _ => false,
    };

    /// <summary>Runs the probes until the process exits (its exit code is the reason), a probe
    /// gives up on it (that is the reason), or the supervisor stops.</summary>
    private async Task<string> WatchAsync(ReplicaProcess process, CancellationToken stopping)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var exited = process.WaitForExitAsync(watching.Token);
        var probes = ProbeAsync(process, watching.Token);
        var first = await Task.WhenAny(exited, probes);
        await watching.CancelAsync();
        try
        {
            await Task.WhenAll(exited, probes);
        }
        catch (OperationCanceledException)
        {
            // The one that lost the race.
        }
        return first == probes && probes.IsCompletedSuccessfully
            ? probes.Result
            : string.Create(CultureInfo.InvariantCulture, $"exited with code {(process.HasExited ? process.ExitCode : -1)}");
    }

    /// <summary>Completes only when a probe gives up on the replica, with the reason.</summary>
    private async Task<string> ProbeAsync(ReplicaProcess process, CancellationToken cancellationToken)
    {
        var probes = options.Probes;
        var live = process.Url + "/health/live";
        for (var failures = 0; !await probe.CheckAsync(live, probes.Startup.Timeout, cancellationToken);)
        {
            if (++failures >= probes.Startup.FailureThreshold)
            {
                return $"failed its startup probe {failures} times";
            }
            await Task.Delay(probes.Startup.Period, time, cancellationToken);
        }

        using var readinessStopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readiness = ReadinessAsync(process, readinessStopping.Token);
        try
        {
            return await LivenessAsync(live, cancellationToken);
        }
        finally
        {
            await readinessStopping.CancelAsync();
            try
            {
                await readiness;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the liveness loop.
            }
        }
    }

    private async Task ReadinessAsync(ReplicaProcess process, CancellationToken cancellationToken)
    {
        var readiness = options.Probes.Readiness;
        var url = process.Url + "/health/ready";
        var failures = 0;
        while (true)
        {
            if (await probe.CheckAsync(url, readiness.Timeout, cancellationToken))
            {
                failures = 0;
                MarkReady(process);
            }
            else if (++failures >= readiness.FailureThreshold)
            {
                MarkNotReady();
            }
            await Task.Delay(readiness.Period, time, cancellationToken);
        }
    }

    private async Task<string> LivenessAsync(string url, CancellationToken cancellationToken)
    {
        var liveness = options.Probes.Liveness;
        var failures = 0;
        while (true)
        {
            await Task.Delay(liveness.Period, time, cancellationToken);
            if (await probe.CheckAsync(url, liveness.Timeout, cancellationToken))
            {
                failures = 0;
            }
            else if (++failures >= liveness.FailureThreshold)
            {
                return $"failed its liveness probe {failures} times; killed";
            }
        }
    }

    private void MarkReady(ReplicaProcess process)
    {
        lock (_lock)
        {
            if (_state == ReplicaState.Ready)
            {
                return;
            }
            // Logged before publishing, so that this line comes before "Bazaar is ready".
            logger.LogInformation("{Replica} ready (pid {Pid})", Replica, process.Pid);
            _readySince = time.GetUtcNow();
            SetState(ReplicaState.Ready);
        }
    }

    private void MarkNotReady()
    {
        bool wasReady;
        lock (_lock)
        {
            wasReady = _state == ReplicaState.Ready;
            if (_state is not (ReplicaState.Ready or ReplicaState.Starting))
            {
                return;
            }
            _readySince = null;
            SetState(ReplicaState.NotReady);
        }
        if (wasReady)
        {
            logger.LogWarning("{Replica} is not ready; unpublished", Replica);
        }
    }

    /// <summary>Under <see cref="_lock"/>, so the registry sees this replica's changes in order.</summary>
    private void SetState(ReplicaState state)
    {
        _state = state;
        registry.Set(new ReplicaStatus(
            spec.Service, spec.Replica, _process?.Pid, _process?.Url, state, Volatile.Read(ref _restarts), _process?.StartedAt, spec.Version));
    }

    private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

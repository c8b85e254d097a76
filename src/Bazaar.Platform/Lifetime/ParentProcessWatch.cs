namespace Bazaar.Platform.Lifetime;

/// <summary>When started by the Host, a replica stops itself as soon as the Host is gone: the Host
/// holds the write end of our standard input, and the kernel closes it however the Host died
/// (even <c>kill -9</c>), so reading reaches end-of-file. No orphan outlives its control plane.</summary>
internal sealed class ParentProcessWatch(IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[64];
                while (stdin.Read(buffer, 0, buffer.Length) > 0) { }
            }
            catch (IOException) { }
            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The Host that started this replica is gone; shutting down");
                lifetime.StopApplication();
            }
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
        return Task.CompletedTask;
    }
}

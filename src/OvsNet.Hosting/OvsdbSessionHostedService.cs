using Microsoft.Extensions.Hosting;

namespace OvsNet.Hosting;

/// <summary>Starts a registered session with the host and disposes it when the host stops.</summary>
internal sealed class OvsdbSessionHostedService(OvsdbSession session, bool waitForConnection) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Task started = session.StartAsync(CancellationToken.None);
        if (waitForConnection)
        {
            await started.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The session keeps trying until disposed; a start that ends with the disposal has nothing to report.
            _ = started.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await session.DisposeAsync().ConfigureAwait(false);
}

using Microsoft.Extensions.Hosting;
using OvsNet.Hypervisor;

namespace OvsNet.Hosting;

/// <summary>Runs the registered <see cref="HostNetworkReconciler"/> while the host runs and closes it when the host stops.</summary>
internal sealed class HostNetworkReconcilerHostedService(HostNetworkReconciler reconciler) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await reconciler.DisposeAsync().ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => reconciler.RunAsync(stoppingToken), CancellationToken.None);
}

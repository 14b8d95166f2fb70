using System.Diagnostics;
using System.Text;

namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>
/// A tcpdump on one interface of a namespace (<c>-n -e -l</c>: numeric, with MAC addresses, line-buffered), started
/// before traffic and stopped after it; its lines are the evidence. Stopped by its own process handle.
/// </summary>
public sealed class PacketCapture : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder lines = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool disposed;

    private PacketCapture(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (this.lines)
                {
                    this.lines.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                this.listening.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts tcpdump and waits until it listens.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="device">The interface.</param>
    /// <param name="filter">A pcap filter, for example <c>ip proto 47</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running capture.</returns>
    public static async Task<PacketCapture> StartAsync(LabNamespace ns, string device, string filter, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["netns", "exec", ns.Name, "tcpdump", "-i", device, "-n", "-e", "-l", "-U", .. filter.Split(' ')])
        {
            start.ArgumentList.Add(arg);
        }

        var capture = new PacketCapture(Process.Start(start) ?? throw new InvalidOperationException("could not start tcpdump"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await capture.listening.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return capture;
    }

    /// <summary>Stops the capture and returns the captured lines.</summary>
    /// <returns>One line per packet.</returns>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        // Line-buffered output has already been read; give the last packet a moment to be printed.
        await Task.Delay(300, CancellationToken.None).ConfigureAwait(false);
        await this.DisposeAsync().ConfigureAwait(false);
        lock (this.lines)
        {
            return this.lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        this.process.Dispose();
    }
}

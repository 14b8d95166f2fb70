using System.Diagnostics;

namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>Runs the lab's plumbing tools (ip, ping, tcpdump) to completion.</summary>
public static class LabProcess
{
    /// <summary>Runs a tool and returns its exit code and output.</summary>
    /// <param name="tool">The program.</param>
    /// <param name="args">Its arguments (no shell).</param>
    /// <param name="environment">Extra environment variables, or null.</param>
    /// <param name="cancellationToken">Cancels the wait (the process is then killed: it is ours).</param>
    /// <returns>Exit code, stdout, stderr.</returns>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a tool and returns its stdout; throws with its stderr when it fails.</summary>
    /// <param name="tool">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Standard output.</returns>
    public static async Task<string> RunCheckedAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        string[] list = [.. args];
        (int exit, string output, string error) = await RunAsync(tool, list, null, cancellationToken).ConfigureAwait(false);
        return exit == 0 ? output : throw new InvalidOperationException($"'{tool} {string.Join(' ', list)}' failed ({exit}): {error.Trim()}");
    }
}

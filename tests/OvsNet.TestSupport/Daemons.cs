using System.Diagnostics;
using System.Globalization;

namespace OvsNet.TestSupport;

/// <summary>The OVS daemons the fixtures start detached (<c>--detach --pidfile</c>): read by their pidfiles, stopped by pid, never by name.</summary>
internal static class Daemons
{
    /// <summary>Reads the pid in a pidfile, or null when there is no pidfile or it holds no pid.</summary>
    public static async Task<int?> ReadPidAsync(string pidFile)
        => File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? pid
            : null;

    /// <summary>Kills the process with this pid (SIGKILL; only a process a fixture started) and waits for it to exit.</summary>
    public static async Task KillAsync(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
            using var timeout = new CancellationTokenSource(TestTimeouts.ProcessStart);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }

    /// <summary>Kills the process named by a pidfile, if there is one.</summary>
    public static async Task StopAsync(string pidFile)
    {
        if (await ReadPidAsync(pidFile) is int pid)
        {
            await KillAsync(pid);
        }
    }
}

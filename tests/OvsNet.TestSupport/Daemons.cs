namespace OvsNet.TestSupport;

/// <summary>The OVS daemons the fixtures start detached (<c>--detach --pidfile</c>): read by their pidfiles, stopped by pid, never by name (OvsNet.Testing's <see cref="OvsNet.Testing.Tools"/>).</summary>
internal static class Daemons
{
    /// <summary>Reads the pid in a pidfile, or null when there is no pidfile or it holds no pid.</summary>
    public static Task<int?> ReadPidAsync(string pidFile) => OvsNet.Testing.Tools.ReadPidAsync(pidFile);

    /// <summary>Kills the process with this pid (SIGKILL; only a process a fixture started) and waits for it to exit.</summary>
    public static Task KillAsync(int pid) => OvsNet.Testing.Tools.KillAsync(pid);

    /// <summary>Kills the process named by a pidfile, if there is one.</summary>
    public static async Task StopAsync(string pidFile)
    {
        if (await ReadPidAsync(pidFile) is int pid)
        {
            await KillAsync(pid);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// Everything a run started that must not outlive it: the child processes (ovsdb-tool, ovsdb-server before it
/// detaches, ovs-vsctl, the Python peer, sync children) and the private servers' temp directories, each holding the
/// detached ovsdb-server's pidfile. On SIGTERM or SIGINT the runner stops every one of them, by pid, removes the
/// directories and exits (143 or 130); the normal path removes each as its case ends.
/// </summary>
/// <remarks>
/// A detached ovsdb-server runs in its own session, so neither Ctrl+C in a terminal nor a signal to the runner reaches
/// it: it has to be stopped explicitly. Its pid is taken from the pidfile in the directory and is only signalled while
/// <c>/proc/PID/cmdline</c> still names that directory (a recycled pid is left alone).
/// </remarks>
internal static class RunCleanup
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Directories = new(StringComparer.Ordinal);
    private static readonly HashSet<Process> Children = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int stopping;

    /// <summary>Installs the SIGTERM and SIGINT handlers (once, in the main runner process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (Registrations.Count == 0)
            {
                Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
                Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            }
        }
    }

    /// <summary>Tracks a private server's directory from the moment it exists.</summary>
    public static void AddDirectory(string directory)
    {
        lock (Gate)
        {
            Directories.Add(directory);
        }
    }

    /// <summary>Stops the server whose pidfile is in <paramref name="directory"/> (if it runs) and removes the directory.</summary>
    public static void RemoveDirectory(string directory)
    {
        StopServerIn(directory);
        DeleteDirectory(directory);
        lock (Gate)
        {
            Directories.Remove(directory);
        }
    }

    /// <summary>Tracks a started child process until <see cref="RemoveChild"/>.</summary>
    public static void AddChild(Process process)
    {
        lock (Gate)
        {
            Children.Add(process);
        }
    }

    /// <summary>Stops tracking a child that has exited (or is about to be disposed).</summary>
    public static void RemoveChild(Process process)
    {
        lock (Gate)
        {
            Children.Remove(process);
        }
    }

    /// <summary>Stops every tracked child (with its descendants) and every tracked server, then removes the directories.</summary>
    public static void StopAll()
    {
        Process[] children;
        string[] directories;
        lock (Gate)
        {
            children = [.. Children];
            directories = [.. Directories];
        }

        foreach (Process child in children)
        {
            try
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already exited, or disposed by the case that owned it.
            }
        }

        foreach (string directory in directories)
        {
            RemoveDirectory(directory);
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        // Exit ourselves once everything is stopped, rather than let the runtime end the process mid-case.
        context.Cancel = true;
        if (Interlocked.Exchange(ref stopping, 1) == 1)
        {
            return;
        }

        Console.Error.WriteLine($"runner: {context.Signal}: stopping the processes this run started and removing its directories");
        StopAll();
        Environment.Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }

    private static void StopServerIn(string directory)
    {
        string pidFile = Path.Combine(directory, "ovsdb-server.pid");
        int pid;
        try
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid))
            {
                return;
            }
        }
        catch (IOException)
        {
            return; // no pidfile: the server never started (or is already gone and removed it)
        }

        Stopwatch clock = Stopwatch.StartNew();
        bool killed = false;
        while (RunsIn(pid, directory))
        {
            if (!killed || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                try
                {
                    using Process server = Process.GetProcessById(pid);
                    server.Kill();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    return; // gone
                }

                killed = true;
                clock.Restart();
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>True while <paramref name="pid"/> is a live process whose command line names <paramref name="directory"/>.</summary>
    private static bool RunsIn(int pid, string directory)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return false; // a zombie waiting for its parent: no longer running
            }

            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(directory, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A file appeared while deleting (the server's last log line): once more.
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

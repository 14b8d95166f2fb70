using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OvsNet.Benchmarks.Runner;

/// <summary>Running tools and reading process facts.</summary>
internal static class Tools
{
    public static string Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return name;
        }

        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string dir in dirs.Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return name;
    }

    public static bool Exists(string name) => File.Exists(Find(name));

    /// <summary>Runs a program, failing with its stderr on a non-zero exit; returns stdout.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        RunCleanup.AddChild(process);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            RunCleanup.RemoveChild(process);
        }

        if (process.ExitCode != 0)
        {
            string shown = string.Join(' ', args);
            if (shown.Length > 300)
            {
                shown = shown[..300] + "...";
            }

            throw new InvalidOperationException($"{program} {shown} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>Reads a kB field (VmHWM, VmRSS) of /proc/self/status.</summary>
    public static long StatusKb(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', '\t').Last(s => s.Length > 0 && char.IsDigit(s[0])), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>sysconf(_SC_ARG_MAX): the limit on argv + envp for execve (it follows the stack rlimit).</summary>
    public static long ArgMax()
    {
        try
        {
            return SysConf(0);
        }
        catch (DllNotFoundException)
        {
            return 2 * 1024 * 1024;
        }
    }

    /// <summary>CPU time of this process's waited-for children (cutime + cstime of /proc/self/stat), ms.</summary>
    public static double ChildrenCpuMilliseconds()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>This process's CPU time (all threads), ms.</summary>
    public static double OwnCpuMilliseconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}

using System.Diagnostics;
using System.Globalization;

namespace OvsNet.Testing;

/// <summary>Runs the Open vSwitch tools (no shell) and handles the daemons the process fixtures start (by pidfile, never by name).</summary>
public static class Tools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Finds an executable on PATH (or the sbin directories), or returns null.</summary>
    /// <param name="name">The program name, or an absolute path.</param>
    /// <returns>Its full path, or null.</returns>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string dir in dirs.Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a program to completion (at most 30 s) and returns its standard output; throws with its output on a non-zero exit.</summary>
    /// <param name="program">The program (looked up with <see cref="Find"/>).</param>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Variables to set for it, or null.</param>
    /// <param name="workingDirectory">Its working directory, or null for ours.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">The program failed.</exception>
    public static async Task<string> RunCheckedAsync(
        string program,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(Find(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // only the process we started, by its handle
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {RunTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <summary>Runs a program to completion (at most 30 s) and returns its exit code and output, whatever the exit code.</summary>
    /// <param name="program">The program (looked up with <see cref="Find"/>).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    /// <exception cref="TimeoutException">The program did not finish in time (it is killed, by its own handle).</exception>
    public static ToolResult Run(string program, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(Find(program) ?? program)
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
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunTimeout))
        {
            process.Kill(entireProcessTree: true); // only the process we started, by its handle
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {RunTimeout.TotalSeconds:0} s.");
        }

        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs a program to completion and returns its standard output; throws with its standard error on a non-zero exit.</summary>
    /// <param name="program">The program (looked up with <see cref="Find"/>).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">The program failed.</exception>
    public static string RunChecked(string program, IReadOnlyList<string> args)
    {
        ToolResult result = Run(program, args);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"'{program} {string.Join(' ', args)}' failed ({result.ExitCode}): {result.StandardError.Trim()}");
    }

    /// <summary>Reads the pid in a pidfile, or null when there is no pidfile or it holds no pid.</summary>
    /// <param name="pidFile">The pidfile.</param>
    /// <returns>The pid, or null.</returns>
    public static async Task<int?> ReadPidAsync(string pidFile)
        => File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile).ConfigureAwait(false)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? pid
            : null;

    /// <summary>Kills the process with this pid (SIGKILL; only a process a fixture started) and waits for it to exit.</summary>
    /// <param name="pid">The pid.</param>
    /// <returns>A task that completes when the process is gone.</returns>
    public static async Task KillAsync(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
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
}

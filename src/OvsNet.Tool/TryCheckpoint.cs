using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OvsNet.Tool;

/// <summary>
/// <c>apply --try</c> and <c>confirm</c>, like <c>netplan try</c> and nmstate's uncommitted checkpoints: an apply on
/// trial is reverted unless confirmed in time. The revert is done by a watchdog: this tool, started in a session of
/// its own (<c>setsid</c>), so it outlives the terminal and the SSH connection that ran the apply, which is the whole
/// point when the change cuts that connection off. The state directory holds:
/// <list type="bullet">
/// <item><c>applied.yaml</c>: the spec last applied and kept (by a plain apply or a confirmed try);</item>
/// <item><c>try.json</c>: the pending trial (the spec on trial, what to revert to, the deadline, the watchdog's pid, the
/// global options); whoever renames it first, <c>confirm</c> (to keep) or the watchdog (to revert), decides.</item>
/// <item><c>try.log</c>: what the watchdog did.</item>
/// </list>
/// </summary>
internal static class TryCheckpoint
{
    public const string DefaultStateDirectory = "/var/lib/ovsnet";

    public static string AppliedPath(string stateDirectory) => Path.Combine(stateDirectory, "applied.yaml");

    public static string PendingPath(string stateDirectory) => Path.Combine(stateDirectory, "try.json");

    public static string LogPath(string stateDirectory) => Path.Combine(stateDirectory, "try.log");

    /// <summary>Records the spec a plain apply left in place (what a later trial reverts to).</summary>
    public static void RecordApplied(string stateDirectory, string specText)
    {
        Directory.CreateDirectory(stateDirectory);
        WriteAtomically(AppliedPath(stateDirectory), specText);
    }

    /// <summary>Writes the pending trial and starts the watchdog; returns its pid.</summary>
    public static int Begin(ToolContext context, string specText, TimeSpan timeout)
    {
        Directory.CreateDirectory(context.StateDirectory);
        if (File.Exists(PendingPath(context.StateDirectory)))
        {
            throw new InvalidOperationException($"A trial is already pending ({PendingPath(context.StateDirectory)}): confirm it (ovsnet host confirm) or wait for its revert.");
        }

        string trialPath = Path.Combine(context.StateDirectory, "trial.yaml");
        WriteAtomically(trialPath, specText);
        string? previous = File.Exists(AppliedPath(context.StateDirectory)) ? File.ReadAllText(AppliedPath(context.StateDirectory)) : null;
        string previousPath = Path.Combine(context.StateDirectory, "previous.yaml");
        if (previous is not null)
        {
            WriteAtomically(previousPath, previous);
        }

        DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
        int pid = StartWatchdog(context, deadline);
        WriteAtomically(PendingPath(context.StateDirectory), JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("trial", trialPath);
            w.WriteString("revertTo", previous is null ? null : previousPath);
            w.WriteString("deadline", deadline.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("watchdog", pid);
            w.WriteEndObject();
        }));
        return pid;
    }

    /// <summary>Keeps the pending trial: stops its watchdog and records the spec as applied. False when nothing was pending.</summary>
    public static bool Confirm(string stateDirectory)
    {
        string pending = PendingPath(stateDirectory);
        string claimed = pending + ".confirming";
        try
        {
            File.Move(pending, claimed);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        using (JsonDocument record = JsonDocument.Parse(File.ReadAllText(claimed)))
        {
            string trial = record.RootElement.GetProperty("trial").GetString()!;
            WriteAtomically(AppliedPath(stateDirectory), File.ReadAllText(trial));
            Kill(record.RootElement.GetProperty("watchdog").GetInt32());
        }

        File.Delete(claimed);
        return true;
    }

    /// <summary>Withdraws a pending trial whose apply never got going (the watchdog is stopped; nothing to revert).</summary>
    public static void Cancel(string stateDirectory)
    {
        string pending = PendingPath(stateDirectory);
        string claimed = pending + ".cancelling";
        try
        {
            File.Move(pending, claimed);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        using (JsonDocument record = JsonDocument.Parse(File.ReadAllText(claimed)))
        {
            Kill(record.RootElement.GetProperty("watchdog").GetInt32());
        }

        File.Delete(claimed);
    }

    /// <summary>The watchdog: waits for the deadline; unless the trial was confirmed meanwhile, reverts it.</summary>
    public static async Task<int> WatchAsync(ToolContext context, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        string pending = PendingPath(context.StateDirectory);
        TimeSpan wait = deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        string claimed = pending + ".reverting";
        try
        {
            File.Move(pending, claimed);
        }
        catch (FileNotFoundException)
        {
            return ExitCodes.Ok; // confirmed
        }

        using var log = new StreamWriter(LogPath(context.StateDirectory), append: true);
        await log.WriteLineAsync($"{DateTimeOffset.UtcNow:O} not confirmed by {deadline:O}: reverting");
        int exit;
        using (JsonDocument record = JsonDocument.Parse(await File.ReadAllTextAsync(claimed, cancellationToken)))
        {
            string trial = record.RootElement.GetProperty("trial").GetString()!;
            string? revertTo = record.RootElement.GetProperty("revertTo").GetString();
            var quiet = context with { Out = log, Error = log, Json = false };
            exit = revertTo is not null
                ? await HostCommands.ApplyFileAsync(quiet, new FileInfo(revertTo), verify: true, cancellationToken)
                : await HostCommands.RemoveFileAsync(quiet, new FileInfo(trial), cancellationToken);
        }

        await log.WriteLineAsync($"{DateTimeOffset.UtcNow:O} revert finished with exit code {exit}");
        File.Delete(claimed);
        return exit == ExitCodes.Error ? ExitCodes.Error : ExitCodes.Ok;
    }

    /// <summary>Starts <c>setsid ovsnet host try-watchdog</c> with this command's global options, detached from the terminal.</summary>
    private static int StartWatchdog(ToolContext context, DateTimeOffset deadline)
    {
        string entry = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            // The watchdog must not hold this command's output open (a caller reading it to the end would wait for
            // the deadline); it writes to try.log.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--fork");
        info.ArgumentList.Add(entry);
        if (Path.GetFileNameWithoutExtension(entry) == "dotnet")
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OvsNet.Tool.dll"));
        }

        foreach (string arg in new[] { "host", "try-watchdog", "--deadline", deadline.ToString("O", CultureInfo.InvariantCulture) }.Concat(context.GlobalArguments()))
        {
            info.ArgumentList.Add(arg);
        }

        // setsid --fork exits at once; the watchdog writes its own pid into a file the caller reads back.
        string pidFile = Path.Combine(context.StateDirectory, "watchdog.pid");
        File.Delete(pidFile);
        info.Environment["OVSNET_WATCHDOG_PIDFILE"] = pidFile;
        using Process setsid = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start");
        setsid.StandardInput.Close();
        setsid.WaitForExit();
        Stopwatch waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                return pid;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException("The revert watchdog did not start; nothing was applied.");
    }

    private static void Kill(int pid)
    {
        try
        {
            using Process watchdog = Process.GetProcessById(pid);
            watchdog.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}

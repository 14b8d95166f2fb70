using System.Diagnostics;

namespace OvsNet.TestSupport;

/// <summary>Runs a tool to completion (tests use <c>ip</c>, <c>ping</c> and friends as independent witnesses).</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with arguments (no shell) and returns its exit code and output.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TestTimeouts.ProcessStart))
        {
            // Only this process (we started it), by its own handle.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time.");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs and throws with the tool's stderr when it fails.</summary>
    public static string RunChecked(string fileName, params string[] arguments)
    {
        ProcessResult result = Run(fileName, arguments);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' failed ({result.ExitCode}): {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    /// <summary>
    /// Runs <paramref name="program"/> (looked up with <see cref="Prerequisites.FindTool"/>) with arguments (no shell), failing
    /// with its output on a non-zero exit; returns its standard output.
    /// </summary>
    /// <param name="program">The program.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Variables to set for it, or null.</param>
    /// <param name="workingDirectory">Its working directory, or null for ours.</param>
    /// <returns>Standard output.</returns>
    public static Task<string> RunCheckedAsync(
        string program,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
        => OvsNet.Testing.Tools.RunCheckedAsync(program, args, environment, workingDirectory);
}

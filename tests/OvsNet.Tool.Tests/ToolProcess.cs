using System.Diagnostics;
using System.Text;
using OvsNet.TestSupport;

namespace OvsNet.Tool.Tests;

/// <summary>The result of one <c>ovsnet</c> run.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {this.ExitCode}\n--- stdout\n{this.Output}\n--- stderr\n{this.Error}";
}

/// <summary>Runs the built <c>ovsnet</c> as a process, as an operator's shell does (<c>dotnet OvsNet.Tool.dll ARGS</c>).</summary>
internal static class ToolProcess
{
    /// <summary>Gets the tool's entry assembly, next to the test assembly (the project reference copies it).</summary>
    public static string ToolPath { get; } = Path.Combine(AppContext.BaseDirectory, "OvsNet.Tool.dll");

    public static async Task<ToolRun> RunAsync(params string[] args)
    {
        using Process process = Start(args);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually + TestTimeouts.Eventually);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ovsnet {string.Join(' ', args)} did not finish: {await error}");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the tool with redirected output (for long-running commands such as the agent).</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}

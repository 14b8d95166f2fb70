using System.Diagnostics;
using System.Text.Json;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// Runs a measuring child process (the Python peer, or this runner in sync-child mode) under the READY / MARK / END /
/// RESULT line protocol: the server's CPU time is read when the child says READY (then "go" is sent), again at each
/// MARK, and at END (then "go": untimed work such as the Python peer's traced memory sync follows) or else when RESULT
/// arrives, so the server CPU of the measured part alone is known.
/// </summary>
internal static class ChildProcess
{
    public static async Task<(JsonElement Result, double ServerCpuMs)> RunAsync(
        string program, IReadOnlyList<string> args, PrivateOvsdbServer server, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new CaseFailedException("could not start " + program);
        RunCleanup.AddChild(process);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        double cpuMark = 0;
        double? cpuMeasured = null;
        try
        {
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    await process.WaitForExitAsync(cancellationToken);
                    throw new CaseFailedException($"{Path.GetFileName(program)} {string.Join(' ', args.Take(2))} ended without a result (exit {process.ExitCode}): {Tail(await stderr)}");
                }

                if (line is "READY" or "MARK" or "END")
                {
                    if (line == "END")
                    {
                        cpuMeasured = server.CpuMilliseconds() - cpuMark;
                    }
                    else
                    {
                        cpuMark = server.CpuMilliseconds();
                        cpuMeasured = null;
                    }

                    await process.StandardInput.WriteLineAsync("go");
                    await process.StandardInput.FlushAsync(cancellationToken);
                }
                else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    double cpu = cpuMeasured ?? server.CpuMilliseconds() - cpuMark;
                    using JsonDocument doc = JsonDocument.Parse(line["RESULT ".Length..]);
                    process.StandardInput.Close();
                    await process.WaitForExitAsync(cancellationToken);
                    return (doc.RootElement.Clone(), cpu);
                }
            }
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
    }

    private static string Tail(string text) => text.Length > 1500 ? "..." + text[^1500..] : text;
}

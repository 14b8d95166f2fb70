using System.Diagnostics;
using System.Globalization;
using OvsNet.TestSupport;

namespace OvsNet.Tool.Tests;

/// <summary><c>host apply --try</c> and <c>host confirm</c>: the revert comes from a watchdog that outlives the terminal session that ran the apply.</summary>
[Trait("Category", "Integration")]
public sealed class TryTests
{
    [Fact]
    public async Task An_apply_on_trial_is_reverted_after_the_session_that_ran_it_is_killed()
    {
        await using ToolLab lab = await ToolLab.StartAsync();
        string state = Path.Combine(lab.Fixture.Directory, "state");
        string output = Path.Combine(lab.Fixture.Directory, "session.out");

        // An operator's SSH session: its own session and process group, running the apply on trial, then idling.
        string command = string.Join(' ', new[] { "dotnet", ToolProcess.ToolPath, "host", "apply", lab.SpecPath, "--try", "6", "--state-dir", state }.Concat(lab.Global).Select(Quote))
            + $" > {Quote(output)} 2>&1; sleep 600";
        using Process session = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", command]) { UseShellExecute = false })!;
        try
        {
            await Poll.UntilAsync(() => File.Exists(output) && File.ReadAllText(output).Contains("on trial:", StringComparison.Ordinal), TestTimeouts.Eventually + TestTimeouts.Eventually, "the apply on trial");
            Assert.Contains("from 198.51.100.10 lookup 200", lab.Namespace.Ip("rule", "show"), StringComparison.Ordinal);
            int watchdog = int.Parse(File.ReadAllText(Path.Combine(state, "watchdog.pid")).Trim(), CultureInfo.InvariantCulture);

            // The connection dies: every process of the session is killed.
            ProcessRunner.RunChecked("kill", ["-KILL", "--", "-" + session.Id.ToString(CultureInfo.InvariantCulture)]);
            await session.WaitForExitAsync();
            Assert.True(Alive(watchdog), "the watchdog died with the session");

            await Poll.UntilAsync(
                async () => (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim().Length == 0 && !Alive(watchdog),
                TestTimeouts.Eventually + TestTimeouts.Eventually,
                "reverted after the deadline");
            Assert.DoesNotContain("lookup 200", lab.Namespace.Ip("rule", "show"), StringComparison.Ordinal);
            string log = File.ReadAllText(Path.Combine(state, "try.log"));
            Assert.Contains("reverting", log, StringComparison.Ordinal);
            Assert.Contains("revert finished with exit code 2", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(state, "try.json")));
        }
        finally
        {
            if (!session.HasExited)
            {
                session.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_confirmed_trial_is_kept_past_its_deadline_and_a_second_confirm_has_nothing_to_keep()
    {
        await using ToolLab lab = await ToolLab.StartAsync();
        string state = Path.Combine(lab.Fixture.Directory, "state");

        ToolRun apply = await lab.RunAsync("host", "apply", lab.SpecPath, "--try", "3", "--state-dir", state);
        Assert.True(apply.ExitCode == 2, apply.ToString());
        Assert.Contains("on trial: run 'ovsnet host confirm' within 3 s", apply.Error, StringComparison.Ordinal);
        int watchdog = int.Parse(File.ReadAllText(Path.Combine(state, "watchdog.pid")).Trim(), CultureInfo.InvariantCulture);

        ToolRun confirm = await lab.RunAsync("host", "confirm", "--state-dir", state);
        Assert.True(confirm.ExitCode == 0, confirm.ToString());
        await Poll.UntilAsync(() => !Alive(watchdog), TestTimeouts.Eventually, "the watchdog stopped by confirm");

        // Past the deadline nothing was put back (waiting is the point here: the absence of a revert).
        await Task.Delay(TimeSpan.FromSeconds(5));
        ToolRun plan = await lab.RunAsync("host", "plan", lab.SpecPath);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Equal(File.ReadAllText(lab.SpecPath), File.ReadAllText(Path.Combine(state, "applied.yaml")));
        Assert.False(File.Exists(Path.Combine(state, "try.log")));

        ToolRun again = await lab.RunAsync("host", "confirm", "--state-dir", state);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("nothing is on trial", again.Error, StringComparison.Ordinal);
    }

    private static bool Alive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

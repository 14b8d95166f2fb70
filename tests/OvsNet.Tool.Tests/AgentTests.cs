using System.Diagnostics;
using System.Text;
using OvsNet.TestSupport;

namespace OvsNet.Tool.Tests;

/// <summary><c>ovsnet agent</c> as a process: it converges the host, repairs each drift within a bounded time, and stops cleanly on SIGTERM.</summary>
[Trait("Category", "Integration")]
public sealed class AgentTests
{
    [Fact]
    public async Task The_agent_repairs_a_deleted_rule_a_removed_address_and_a_restarted_ovs_vswitchd_and_stops_on_SIGTERM()
    {
        await using ToolLab lab = await ToolLab.StartAsync();
        using Process agent = ToolProcess.Start(["agent", lab.SpecPath, "--interval", "00:00:01", "--retry", "00:00:00.500", .. lab.Global]);
        var log = new StringBuilder();
        agent.OutputDataReceived += (_, e) => Append(log, e.Data);
        agent.ErrorDataReceived += (_, e) => Append(log, e.Data);
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            await Poll.UntilAsync(() => Converged(lab), TestTimeouts.Eventually, "the agent's first apply");
            Assert.Equal(0, Repairs(log));

            lab.Namespace.Ip("rule", "del", "from", "198.51.100.10", "lookup", "200");
            Assert.False(Converged(lab));
            await Until(() => Converged(lab) && Repairs(log) == 1, TestTimeouts.Eventually, "the deleted rule restored", log);
            Assert.True(Text(log).Contains("routing: + rule 1000: from 198.51.100.10/32 lookup 200", StringComparison.Ordinal), Text(log));

            lab.Namespace.Ip("addr", "del", "198.51.100.10/24", "dev", "tep0");
            await Until(() => Converged(lab) && Repairs(log) == 2, TestTimeouts.Eventually, "tep0's address restored", log);

            // A restarted ovs-vswitchd recreates its devices bare and forgets its user routes: the tunnel would follow
            // the main table.
            await lab.Fixture.RestartVswitchdAsync();
            await Until(() => Converged(lab) && Repairs(log) >= 3, TestTimeouts.Eventually + TestTimeouts.Eventually, "repaired after the ovs-vswitchd restart", log);
            Assert.True(Text(log).Contains("ovs-router: + ovs/route/add 198.51.101.0/24 tep0 198.51.100.1", StringComparison.Ordinal), Text(log));

            ProcessRunner.RunChecked("kill", ["-TERM", agent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await agent.WaitForExitAsync(exit.Token);
            Assert.True(agent.ExitCode == 0, $"exit {agent.ExitCode}: {Text(log)}");
            Assert.Contains("ovsnet agent: stopped", Text(log), StringComparison.Ordinal);
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Polls, and on a timeout reports the agent's log as it is then.</summary>
    private static async Task Until(Func<bool> condition, TimeSpan timeout, string what, StringBuilder log)
    {
        try
        {
            await Poll.UntilAsync(condition, timeout, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Text(log)}", ex);
        }
    }

    /// <summary>The witnesses: the rule, tep0's address and the tunnel route (ip), ovs-vswitchd's user route (ovs-appctl).</summary>
    private static bool Converged(ToolLab lab)
    {
        ProcessResult rules = lab.Namespace.TryIp("rule", "show");
        ProcessResult routes = lab.Namespace.TryIp("route", "show", "table", "200");
        ProcessResult address = lab.Namespace.TryIp("-4", "addr", "show", "dev", "tep0");
        ProcessResult router = ProcessRunner.Run("ovs-appctl", ["-t", lab.ControlSocket, "ovs/route/show"]);
        return rules.StandardOutput.Contains("from 198.51.100.10 lookup 200", StringComparison.Ordinal)
            && routes.StandardOutput.Contains("default via 198.51.100.1 dev tep0", StringComparison.Ordinal)
            && address.StandardOutput.Contains("198.51.100.10/24", StringComparison.Ordinal)
            && router.StandardOutput.Contains("User: 198.51.101.0/24 dev tep0 GW 198.51.100.1", StringComparison.Ordinal);
    }

    private static int Repairs(StringBuilder log) => Text(log).Split('\n').Count(l => l.Contains("repaired drift", StringComparison.Ordinal));

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}

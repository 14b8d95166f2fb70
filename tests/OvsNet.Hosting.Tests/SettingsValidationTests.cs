using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OvsNet.OpenTelemetry;
using OvsNet.Routing;

namespace OvsNet.Hosting.Tests;

/// <summary>Registration and settings: bound from configuration, checked when the host starts, with messages that name the section and the setting.</summary>
public sealed class SettingsValidationTests
{
    [Fact]
    public async Task A_session_without_remotes_stops_the_host_start_naming_the_section_and_the_setting()
    {
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Database"] = "Open_vSwitch" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("configuration section 'Ovsdb'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Remotes is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unparsable_remote_and_an_inverted_backoff_stop_the_start_with_their_reasons()
    {
        using IHost bad = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = "bogus:somewhere" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));
        var remote = await Assert.ThrowsAsync<OptionsValidationException>(() => bad.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Remotes is invalid", remote.Message, StringComparison.Ordinal);

        using IHost backoff = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = "unix:/nonexistent.sock", ["Ovsdb:MinBackoff"] = "00:00:05", ["Ovsdb:MaxBackoff"] = "00:00:01" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));
        var range = await Assert.ThrowsAsync<OptionsValidationException>(() => backoff.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("MaxBackoff >= MinBackoff", range.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_session_setting_binds_from_configuration_onto_the_session_options()
    {
        using IHost host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["Ovsdb:Remotes"] = "unix:/run/a.sock,tcp:127.0.0.1:6641",
                ["Ovsdb:Database"] = "OVN_Northbound",
                ["Ovsdb:LeaderOnly"] = "false",
                ["Ovsdb:ShuffleRemotes"] = "false",
                ["Ovsdb:MinBackoff"] = "00:00:00.250",
                ["Ovsdb:MaxBackoff"] = "00:00:03",
                ["Ovsdb:InactivityProbe"] = "00:00:07",
                ["Ovsdb:ConnectTimeout"] = "00:00:02",
                ["Ovsdb:RequestTimeout"] = "00:00:09",
            },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));

        OvsdbSessionOptions options = host.Services.GetRequiredService<OvsdbSession>().Options;

        Assert.Equal(
            ("unix:/run/a.sock,tcp:127.0.0.1:6641", "OVN_Northbound", false, false),
            (options.Remotes, options.Database, options.LeaderOnly, options.ShuffleRemotes));
        Assert.Equal(
            (TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9)),
            (options.MinBackoff, options.MaxBackoff, options.InactivityProbe, options.ConnectTimeout, options.RequestTimeout));
        Assert.Null(options.Tls);
        Assert.NotNull(options.LoggerFactory); // the host's
    }

    [Fact]
    public async Task With_WaitForConnectionOnStart_the_host_start_waits_for_the_first_connection_and_without_it_does_not()
    {
        string missing = "unix:" + Path.Combine(Path.GetTempPath(), "ovsnet-none-" + Guid.NewGuid().ToString("N") + ".sock");
        using IHost waiting = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = missing, ["Ovsdb:WaitForConnectionOnStart"] = "true" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));
        using (var startup = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.StartAsync(startup.Token));
        }

        using IHost starting = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = missing },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")));
        await starting.StartAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(OvsdbSessionState.Connected, starting.Services.GetRequiredService<OvsdbSession>().State);
        await starting.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OvsdbSessionState.Closed, starting.Services.GetRequiredService<OvsdbSession>().State);
    }

    [Fact]
    public async Task Keyed_sessions_resolve_separately_and_a_second_registration_of_a_key_is_refused()
    {
        var services = new ServiceCollection();
        services.AddOvsdbSession("nb", null, s => s.Remotes = "unix:/run/nb.sock");
        services.AddOvsdbSession("sb", null, s => s.Remotes = "unix:/run/sb.sock");
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("unix:/run/nb.sock", provider.GetRequiredKeyedService<OvsdbSession>("nb").Options.Remotes);
        Assert.Equal("unix:/run/sb.sock", provider.GetRequiredKeyedService<OvsdbSession>("sb").Options.Remotes);
        Assert.Null(provider.GetService<OvsdbSession>());
        var twice = Assert.Throws<InvalidOperationException>(() => services.AddOvsdbSession("nb", null, s => s.Remotes = "unix:/x"));
        Assert.Contains("'nb' is already registered", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_without_its_session_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        services.AddOvsdbSession("nb", null, s => s.Remotes = "unix:/run/nb.sock");

        var error = Assert.Throws<InvalidOperationException>(() => services.AddOvsdbReplica(r => r.AddTable("Interface")));

        Assert.Contains("No OVSDB session (unkeyed) is registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_without_tables_or_with_a_bad_column_name_stops_the_start_with_each_reason()
    {
        using IHost empty = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = "unix:/nonexistent.sock" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")).AddOvsdbReplica(b.Configuration.GetSection("Replica")));
        var none = await Assert.ThrowsAsync<OptionsValidationException>(() => empty.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Tables is empty", none.Message, StringComparison.Ordinal);

        using IHost badColumn = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = "unix:/nonexistent.sock", ["Replica:Tables:Interface:Columns:0"] = "link state" },
            b => b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")).AddOvsdbReplica(b.Configuration.GetSection("Replica")));
        var column = await Assert.ThrowsAsync<OptionsValidationException>(() => badColumn.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Tables:Interface:Columns: 'link state' is not a valid column name", column.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tunnel_route_watcher_address_without_its_prefix_length_stops_the_start()
    {
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Routes:InterfaceName"] = "tep0", ["Routes:Address"] = "198.51.100.10", ["Routes:Gateway"] = "198.51.100.1" },
            b => b.Services.AddTunnelRouteWatcher(b.Configuration.GetSection("Routes")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("configuration section 'Routes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Address '198.51.100.10' is not an address with its prefix length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tunnel_route_watcher_settings_build_the_policy_they_describe()
    {
        TunnelRoutingPolicy policy = new TunnelRouteWatcherSettings { InterfaceName = "tep0", Address = "198.51.100.10/24", Gateway = "198.51.100.1", TableId = 201, TableName = "tun" }.ToPolicy();

        Assert.Equal(("tep0", "198.51.100.10", 24, "198.51.100.1", 201u, "tun"), (policy.InterfaceName, policy.Address.ToString(), policy.PrefixLength, policy.Gateway.ToString(), policy.TableId, policy.TableName));
    }

    [Fact]
    public async Task A_reconciler_with_a_relative_control_path_stops_the_start()
    {
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Host:VswitchdControl"] = "run/ovs-vswitchd.pid" },
            b => b.Services.AddHostNetworkReconciler(_ => ReconcilerTests.Spec(), b.Configuration.GetSection("Host")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("VswitchdControl 'run/ovs-vswitchd.pid' must be an absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_OpenTelemetry_helper_names_the_meters_and_sources_the_packages_publish()
    {
        Assert.Equal(
            [OvsNetInstrumentation.MeterName, OvsNetRoutingInstrumentation.MeterName, Hypervisor.OvsNetHypervisorInstrumentation.MeterName],
            OvsNetOpenTelemetryExtensions.SourceNames);
        Assert.Equal(
            [OvsNetInstrumentation.ActivitySourceName, OvsNetRoutingInstrumentation.ActivitySourceName, Hypervisor.OvsNetHypervisorInstrumentation.ActivitySourceName],
            OvsNetOpenTelemetryExtensions.SourceNames);
    }
}

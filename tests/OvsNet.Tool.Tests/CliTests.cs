using System.Text.Json;

namespace OvsNet.Tool.Tests;

/// <summary>The commands that need no server, run as a process: validate, render, schema, and usage errors.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ovsnet-cli-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public async Task Validate_exits_0_for_a_valid_file_and_1_with_every_problem_on_standard_error()
    {
        ToolRun valid = await ToolProcess.RunAsync("host", "validate", Specs.Write(this.directory, Specs.Host));
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Equal("host.yaml: valid (bridge br0, 1 tunnel(s))", valid.Output.Trim());

        string bad = Specs.Write(this.directory, "management:\n  adress: 192.0.2.10/24\ntunnel-endpoint:\n  address: 198.51.100.10/33\n  gateway: 198.51.100.1\n", "bad.yaml");
        ToolRun invalid = await ToolProcess.RunAsync("host", "validate", bad);
        Assert.True(invalid.ExitCode == 1, invalid.ToString());
        Assert.Equal(
            [$"{bad}:2:3: error: unknown key 'management.adress'; did you mean 'address'? Allowed here: name, address, gateway, gateway-on-link, vlan, mtu.", $"{bad}:2:3: error: 'management.address' is required."],
            invalid.Error.Trim().Split('\n'));

        ToolRun json = await ToolProcess.RunAsync("host", "validate", bad, "--json");
        Assert.True(json.ExitCode == 1, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task Render_prints_the_chosen_format_and_the_table_name_or_writes_them_under_output()
    {
        string spec = Specs.Write(this.directory, Specs.Host);

        ToolRun netplan = await ToolProcess.RunAsync("host", "render", spec, "--format", "netplan");
        Assert.True(netplan.ExitCode == 0, netplan.ToString());
        Assert.Contains("# /etc/netplan/", netplan.Output, StringComparison.Ordinal);
        Assert.Contains("# /etc/iproute2/rt_tables.d/", netplan.Output, StringComparison.Ordinal);
        Assert.Contains("200 tunnel", netplan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("# /etc/systemd/", netplan.Output, StringComparison.Ordinal);

        string target = Path.Combine(this.directory, "etc");
        ToolRun networkd = await ToolProcess.RunAsync("host", "render", spec, "--format", "networkd", "--output", target);
        Assert.True(networkd.ExitCode == 0, networkd.ToString());
        Assert.True(File.Exists(Path.Combine(target, "systemd", "network", "50-tep0.network")), networkd.ToString());

        ToolRun wrong = await ToolProcess.RunAsync("host", "render", spec, "--format", "yaml");
        Assert.True(wrong.ExitCode == 1, wrong.ToString());
    }

    [Fact]
    public async Task Schema_prints_the_json_schema_and_an_unknown_command_is_a_usage_error()
    {
        ToolRun schema = await ToolProcess.RunAsync("schema");
        Assert.True(schema.ExitCode == 0, schema.ToString());
        using JsonDocument document = JsonDocument.Parse(schema.Output);
        Assert.Equal("OvsNet host network spec", document.RootElement.GetProperty("title").GetString());

        ToolRun unknown = await ToolProcess.RunAsync("host", "frobnicate");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
    }
}

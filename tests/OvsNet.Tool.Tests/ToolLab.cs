using OvsNet.TestSupport;

namespace OvsNet.Tool.Tests;

/// <summary>
/// One simulated hypervisor for the tool: ovsdb-server and ovs-vswitchd in a namespace of their own
/// (<see cref="VswitchdFixture"/>), a veth as the uplink, the spec file, and the global options that point the tool
/// at them.
/// </summary>
internal sealed class ToolLab : IAsyncDisposable
{
    private ToolLab(VswitchdFixture fixture, string specPath)
    {
        this.Fixture = fixture;
        this.SpecPath = specPath;
    }

    public VswitchdFixture Fixture { get; }

    public NetworkNamespace Namespace => this.Fixture.Namespace;

    public string SpecPath { get; }

    public string ControlSocket => Path.Combine(this.Fixture.Directory, "vs.ctl");

    /// <summary>Gets the global options: this lab's database, namespace, ovs-vswitchd and iproute2 directory.</summary>
    public string[] Global => ["--db", this.Fixture.Endpoint, "--netns", this.Namespace.Name, "--vswitchd", this.ControlSocket, "--iproute2-dir", Path.Combine(this.Fixture.Directory, "iproute2")];

    public static async Task<ToolLab> StartAsync(string spec = Specs.Host)
    {
        Prerequisites.RequireTool("ovs-appctl");
        VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        try
        {
            fixture.Namespace.CreateVethPair("hv-up", "hv-peer");
            return new ToolLab(fixture, Specs.Write(fixture.Directory, spec));
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>ovsnet ARGS GLOBAL-OPTIONS</c>.</summary>
    public Task<ToolRun> RunAsync(params string[] args) => ToolProcess.RunAsync([.. args, .. this.Global]);

    public string Appctl(params string[] args) => ProcessRunner.RunChecked("ovs-appctl", ["-t", this.ControlSocket, .. args]);

    public ValueTask DisposeAsync() => this.Fixture.DisposeAsync();
}

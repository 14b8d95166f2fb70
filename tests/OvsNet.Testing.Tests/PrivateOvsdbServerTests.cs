using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>The one private-server implementation behaves the same as a process and as a container.</summary>
public sealed class PrivateOvsdbServerTests
{
    [Trait("Category", "Integration")]
    [Theory]
    [InlineData(OvsdbServerLocation.Process)]
    [InlineData(OvsdbServerLocation.Container)]
    public async Task Serves_unix_and_tcp_keeps_its_data_across_a_kill_and_restart_and_answers_the_host_tools(OvsdbServerLocation location)
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovs-vsctl");
        if (location == OvsdbServerLocation.Container)
        {
            Engine.Require();
        }

        string directory = Directory.CreateTempSubdirectory("ovsnet-private-").FullName;
        try
        {
            int port = FreePorts.Next();
            await using PrivateOvsdbServer server = await PrivateOvsdbServer.CreateStandaloneAsync(
                directory, OvsdbServerProcess.VswitchSchemaPath, [$"--remote=ptcp:{port}:127.0.0.1"], location);
            await server.StartAsync();
            Assert.Equal(location, server.Location);
            Assert.Equal(location == OvsdbServerLocation.Container, server.Container is not null);
            await server.VsctlAsync("--no-wait", "init");
            await server.VsctlAsync("--no-wait", "add-br", "br-private");

            await server.KillAsync();
            Assert.Null(server.Pid);
            await server.StartAsync();
            Assert.NotNull(server.Pid);

            await using OvsdbClient client = await OvsdbClient.ConnectAsync($"tcp:127.0.0.1:{port}", TestTimeouts.CallToken());
            OvsdbTransaction select = client.CreateTransaction("Open_vSwitch");
            int index = select.Select("Bridge", [OvsdbCondition.Equal("name", "br-private")], ["name"]);
            Assert.Single((await select.CommitAsync(TestTimeouts.CallToken())).Results[index]!.Rows!);
            Assert.Contains("Open_vSwitch", await server.AppctlAsync("ovsdb-server/list-dbs"), StringComparison.Ordinal);
            Assert.Contains("ovsdb-server", await server.ReadLogAsync(), StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    [Fact]
    public void The_setting_names_process_or_container_and_nothing_else()
    {
        string? saved = Environment.GetEnvironmentVariable("OVSNET_TEST_SERVER");
        try
        {
            Environment.SetEnvironmentVariable("OVSNET_TEST_SERVER", "Container");
            Assert.Equal(OvsdbServerLocation.Container, OvsdbTestEnvironment.ServerLocation);
            Environment.SetEnvironmentVariable("OVSNET_TEST_SERVER", null);
            Assert.Equal(OvsdbServerLocation.Process, OvsdbTestEnvironment.ServerLocation);
            Environment.SetEnvironmentVariable("OVSNET_TEST_SERVER", "vm");
            InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => OvsdbTestEnvironment.ServerLocation);
            Assert.Contains("'vm'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OVSNET_TEST_SERVER", saved);
        }
    }
}

using System.Diagnostics;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>Standalone ovsdb-server containers: default schema, a user's schema, TLS, kill and restart, labels and removal.</summary>
[Trait("Category", "Integration")]
public sealed class OvsdbContainerTests
{
    private static readonly string InventorySchema = Path.Combine(AppContext.BaseDirectory, "Schemas", "inventory.ovsschema");

    [Fact]
    public async Task Serves_the_vswitch_schema_on_a_published_port_and_a_write_is_seen_by_ovs_vsctl_in_the_container()
    {
        Engine.Require();
        await using OvsdbContainer server = new OvsdbContainerBuilder().Build();
        await server.StartAsync(TestTimeouts.CallToken());
        Assert.StartsWith("tcp:127.0.0.1:", server.Endpoint, StringComparison.Ordinal);
        Assert.NotEqual("tcp:127.0.0.1:6640", server.Endpoint); // a published, random host port

        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken());
        Assert.Equal(["Open_vSwitch", "_Server"], (await client.ListDatabasesAsync(TestTimeouts.CallToken())).Order(StringComparer.Ordinal));
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", "qos-container")]));
        await txn.CommitAsync(TestTimeouts.CallToken());

        string witness = await server.ExecAsync("ovsdb-client", "dump", "unix:/var/lib/ovsdb/db.sock", "Open_vSwitch", "QoS", "type");
        Assert.Contains("qos-container", witness, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_a_users_own_schema()
    {
        Engine.Require();
        await using OvsdbContainer server = new OvsdbContainerBuilder().WithSchema(InventorySchema).Build();
        await server.StartAsync(TestTimeouts.CallToken());
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken());
        Assert.Contains("Inventory", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
        OvsdbTransaction txn = client.CreateTransaction("Inventory");
        txn.Insert("Item", new OvsdbRow([new("name", "widget"), new("count", 3L)]));
        await txn.CommitAsync(TestTimeouts.CallToken());
        Assert.Contains("widget", await server.ExecAsync("ovsdb-client", "dump", "unix:/var/lib/ovsdb/db.sock", "Inventory"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_schema_file_is_refused_before_any_container_exists()
        => Assert.Throws<FileNotFoundException>(() => new OvsdbContainerBuilder().WithSchema("/nonexistent/x.ovsschema"));

    [Fact]
    public async Task Tls_with_the_generated_ca_and_client_certificate_connects_and_a_foreign_ca_is_rejected()
    {
        Engine.Require();
        await using OvsdbContainer server = new OvsdbContainerBuilder().WithTls().Build();
        await server.StartAsync(TestTimeouts.CallToken());
        OvsdbTlsFiles tls = server.Tls!;
        Assert.StartsWith("ssl:127.0.0.1:", server.Endpoint, StringComparison.Ordinal);

        var options = new OvsdbClientOptions
        {
            Endpoint = server.Endpoint,
            Tls = new OvsdbTlsOptions
            {
                CaCertificatePath = tls.CaCertificatePath,
                CertificatePath = tls.ClientCertificatePath,
                PrivateKeyPath = tls.ClientPrivateKeyPath,
                ExpectedServerName = OvsdbTlsFiles.ServerName,
            },
        };
        await using (OvsdbClient client = await OvsdbClient.ConnectAsync(options, TestTimeouts.CallToken()))
        {
            Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
        }

        OvsdbTlsFiles other = OvsdbTlsFiles.Create(Directory.CreateTempSubdirectory("ovsnet-othertls-").FullName);
        try
        {
            await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync(
                new OvsdbClientOptions
                {
                    Endpoint = server.Endpoint,
                    Tls = new OvsdbTlsOptions { CaCertificatePath = other.CaCertificatePath, CertificatePath = tls.ClientCertificatePath, PrivateKeyPath = tls.ClientPrivateKeyPath },
                },
                TestTimeouts.CallToken()));
        }
        finally
        {
            Directory.Delete(other.Directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_container_starts_again_on_the_same_database_and_dispose_removes_it()
    {
        Engine.Require();
        OvsdbContainer server = new OvsdbContainerBuilder().Build();
        string name = server.Name;
        try
        {
            await server.StartAsync(TestTimeouts.CallToken());
            await using (OvsdbClient client = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken()))
            {
                OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
                txn.Insert("QoS", new OvsdbRow([new("type", "qos-kept")]));
                await txn.CommitAsync(TestTimeouts.CallToken());
            }

            Assert.NotNull(await server.GetPidAsync());
            await server.KillAsync();
            Assert.False(server.IsRunning);
            Assert.Null(await server.GetPidAsync());
            Assert.Equal("exited", Podman("inspect", "--format", "{{.State.Status}}", name).Trim());

            await server.StartAsync(TestTimeouts.CallToken());
            await using OvsdbClient again = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken());
            OvsdbTransaction select = again.CreateTransaction("Open_vSwitch");
            int index = select.Select("QoS", [OvsdbCondition.Equal("type", "qos-kept")], ["type"]);
            Assert.Single((await select.CommitAsync(TestTimeouts.CallToken())).Results[index]!.Rows!);
            Assert.Equal("true", Podman("inspect", "--format", "{{index .Config.Labels \"org.ovsnet.testing\"}}", name).Trim());
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.DoesNotContain(name, Podman("ps", "-a", "--format", "{{.Names}}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftovers_of_a_dead_owner_are_swept_and_live_ones_are_kept()
    {
        Engine.Require();
        Prerequisites.RequireTool("podman");
        string orphan = "ovsnet-orphan-" + Guid.NewGuid().ToString("N")[..8];
        Podman("create", "--name", orphan, "--label", OvsdbTestEnvironment.Label + "=true", "--label", OvsdbTestEnvironment.OwnerLabel + "=2147483646", OvsdbTestEnvironment.Image);
        await using OvsdbContainer live = new OvsdbContainerBuilder().Build();
        await live.StartAsync(TestTimeouts.CallToken());

        await OvsdbTestEnvironment.SweepLeftoversAsync();

        string names = Podman("ps", "-a", "--format", "{{.Names}}");
        Assert.DoesNotContain(orphan, names, StringComparison.Ordinal);
        Assert.Contains(live.Name, names, StringComparison.Ordinal);
    }

    private static string Podman(params string[] args)
    {
        ProcessResult result = ProcessRunner.Run("podman", args, TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, "podman " + string.Join(' ', args) + ": " + result.StandardError);
        return result.StandardOutput;
    }
}

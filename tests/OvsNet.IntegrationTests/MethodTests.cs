using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>The plain request/reply methods against a real ovsdb-server 3.1, over unix and TCP.</summary>
[Trait("Category", "Integration")]
public class MethodTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task List_dbs_get_schema_echo_and_server_id(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());

        Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
        DatabaseSchema schema = await client.GetSchemaAsync("Open_vSwitch", TestTimeouts.CallToken());
        Assert.Equal("Open_vSwitch", schema.Name);
        Assert.True(schema.Tables.ContainsKey("Bridge"));
        await client.EchoAsync(TestTimeouts.CallToken());
        string id = await client.GetServerIdAsync(TestTimeouts.CallToken());
        Assert.True(Guid.TryParse(id, out _), id);
        await client.SetDatabaseChangeAwareAsync(true, TestTimeouts.CallToken());
        Assert.True(client.IsConnected);
    }

    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task Unknown_database_is_an_OvsdbRpcException(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());
        OvsdbRpcException ex = await Assert.ThrowsAsync<OvsdbRpcException>(() => client.GetSchemaAsync("Nope", TestTimeouts.CallToken()));
        Assert.Equal(OvsdbErrorKind.UnknownDatabase, ex.ErrorKind);
        Assert.Equal("get_schema", ex.Method);
        Assert.Contains("Nope", ex.Details, StringComparison.Ordinal);
        Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken())); // still usable
    }

    [Fact]
    public async Task Nothing_listens_on_a_missing_socket()
    {
        server.Require();
        await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync("unix:" + server.SocketPath + ".missing", TestTimeouts.CallToken()));
    }
}

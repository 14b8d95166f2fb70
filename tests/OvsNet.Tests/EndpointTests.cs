
namespace OvsNet.Tests;

/// <summary>Remotes in OVS syntax.</summary>
public class EndpointTests
{
    [Theory]
    [InlineData("unix:/run/openvswitch/db.sock", OvsdbEndpointKind.Unix, "/run/openvswitch/db.sock", null, 0)]
    [InlineData("tcp:127.0.0.1:6641", OvsdbEndpointKind.Tcp, null, "127.0.0.1", 6641)]
    [InlineData("tcp:127.0.0.1", OvsdbEndpointKind.Tcp, null, "127.0.0.1", 6640)]
    [InlineData("tcp:[::1]:6640", OvsdbEndpointKind.Tcp, null, "::1", 6640)]
    [InlineData("tcp:[fe80::1]", OvsdbEndpointKind.Tcp, null, "fe80::1", 6640)]
    [InlineData("ssl:ovsdb.example:6643", OvsdbEndpointKind.Ssl, null, "ovsdb.example", 6643)]
    public void Parses_ovs_syntax(string text, OvsdbEndpointKind kind, string? path, string? host, int port)
    {
        OvsdbEndpoint endpoint = OvsdbEndpoint.Parse(text);
        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(path, endpoint.Path);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(endpoint, OvsdbEndpoint.Parse(endpoint.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unix:")]
    [InlineData("tcp:")]
    [InlineData("tcp::::1:6640")]
    [InlineData("tcp:[::1")]
    [InlineData("tcp:[127.0.0.1]:1")]
    [InlineData("tcp:host:0")]
    [InlineData("tcp:host:70000")]
    [InlineData("tcp:host:port")]
    [InlineData("punix:/tmp/x")]
    [InlineData("http://x")]
    public void Rejects_invalid_remotes(string text)
    {
        Assert.False(OvsdbEndpoint.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => OvsdbEndpoint.Parse(text));
    }

    [Fact]
    public void Parses_comma_separated_remotes()
    {
        IReadOnlyList<OvsdbEndpoint> list = OvsdbEndpoint.ParseList("tcp:10.0.0.1:6641, tcp:[::1]:6641,unix:/x");
        Assert.Equal(["tcp:10.0.0.1:6641", "tcp:[::1]:6641", "unix:/x"], list.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Connecting_to_ssl_without_tls_options_is_rejected_before_connecting()
    {
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => OvsdbClient.ConnectAsync("ssl:127.0.0.1:6640"));
        Assert.Contains("Tls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_rejected_before_connecting()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => OvsdbClient.ConnectAsync("nonsense"));
        await Assert.ThrowsAsync<ArgumentException>(() => OvsdbClient.ConnectAsync(new OvsdbClientOptions()));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = "unix:/x", RequestTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Refused_connection_is_a_transient_OvsdbConnectionException()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ovsnet-missing-{Guid.NewGuid():N}.sock");
        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync("unix:" + path));
        Assert.True(ex.IsTransient);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}

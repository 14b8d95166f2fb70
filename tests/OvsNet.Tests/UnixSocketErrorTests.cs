using System.Net.Sockets;

namespace OvsNet.Tests;

/// <summary>A unix socket that cannot be connected to: the message names the path and says why.</summary>
public sealed class UnixSocketErrorTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("ovsnet-sock-");

    [Fact]
    public async Task A_missing_socket_file_is_named_and_said_not_to_exist()
    {
        string path = Path.Combine(this.directory.FullName, "db.sock");

        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync("unix:" + path));

        Assert.Contains($"the socket file {path} does not exist", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot assign requested address", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task A_stale_socket_file_is_said_to_exist_with_no_server_listening()
    {
        string path = Path.Combine(this.directory.FullName, "stale.sock");
        using (var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            bound.Bind(new UnixDomainSocketEndPoint(path));
        }

        // A server that stopped without removing its socket leaves the file behind; a bound socket that does not
        // listen is the same to a client (ECONNREFUSED), if closing removed the file.
        using Socket? notListening = File.Exists(path) ? null : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        notListening?.Bind(new UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));

        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync("unix:" + path));

        Assert.Contains($"the socket file {path} exists but no server is listening on it", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Permission_denied_is_said_with_the_path()
    {
        string path = Path.Combine(this.directory.FullName, "private.sock");
        if (Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            // Root is never denied; check the message the connector builds for EACCES.
            OvsdbEndpoint endpoint = OvsdbEndpoint.Parse("unix:" + path);
            string message = OvsdbConnector.DescribeConnectFailure(endpoint, SocketError.AccessDenied, "Permission denied");
            Assert.Contains($"permission denied on the socket file {path}", message, StringComparison.Ordinal);
            return;
        }

        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        File.SetUnixFileMode(path, UnixFileMode.None);

        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsdbClient.ConnectAsync("unix:" + path));

        Assert.Contains($"permission denied on the socket file {path}", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => this.directory.Delete(recursive: true);
}

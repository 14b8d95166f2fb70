using System.Net;
using System.Net.Sockets;

namespace OvsNet.Testing.Tests;

public sealed class FreePortsTests
{
    [Fact]
    public void Ports_handed_out_in_parallel_are_distinct_bindable_and_below_the_ephemeral_range()
    {
        int[] ports = new int[200];
        Parallel.For(0, ports.Length, i => ports[i] = FreePorts.Next());

        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 20000, 32767));
        using var listener = new TcpListener(IPAddress.Any, ports[0]);
        listener.Start();
    }
}

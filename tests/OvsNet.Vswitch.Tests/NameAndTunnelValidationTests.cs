using System.Net;

namespace OvsNet.Vswitch.Tests;

/// <summary>
/// Kernel device names by Linux's rules (dev_valid_name), Open vSwitch's rules for the names that are not devices,
/// tunnel addresses and keys by what netdev-vport accepts, and text the wire would change: all refused with a message
/// that says which rule failed, before anything is built or sent.
/// </summary>
public sealed class NameAndTunnelValidationTests
{
    public static TheoryData<string, string> BadDeviceNames => new()
    {
        { "br:1", "':' at index 2" },
        { "..", "'.' and '..'" },
        { ".", "'.' and '..'" },
        { "a/b", "'/' at index 1" },
        { "vm%d", "numbered name" },
        { "c\u00e0t", "0xA0" },
        { "x\u0120", "0xA0" },
        { "a\u00a0b", "whitespace" },
        { "a\u2003b", "whitespace" },
        { "abcdefghijklmnop", "16 bytes long" },
        { "abcdefghijklmn\u00e9", "16 bytes long" },
        { "", "must not be empty" },
    };

    [Theory]
    [MemberData(nameof(BadDeviceNames))]
    public void Kernel_device_names_follow_the_kernels_rules_and_say_which_failed(string name, string rule)
    {
        foreach (Func<InterfaceSpec> create in new Func<InterfaceSpec>[]
        {
            () => InterfaceSpec.Internal(name),
            () => InterfaceSpec.System(name),
            () => VswitchCheck(new InterfaceSpec { Name = name, Type = "tap" }),
            () => VswitchCheck(new InterfaceSpec { Name = name, Type = "afxdp" }),
        })
        {
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(create);
            Assert.Contains(rule, e.Message, StringComparison.Ordinal);
        }

        ArgumentException bridge = Assert.ThrowsAny<ArgumentException>(() => VswitchValidation.CheckBridge(new BridgeSpec { Name = name }, "spec"));
        Assert.Contains(rule, bridge.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br0")]
    [InlineData("abcdefghijklmno")]
    [InlineData("eth0.100")]
    [InlineData("vm-1_a")]
    [InlineData("caf\u00e9")] // U+00E9 is C3 A9 in UTF-8: no 0xA0 byte
    public void Valid_device_names_pass(string name)
    {
        Assert.Equal(name, InterfaceSpec.Internal(name).Name);
        VswitchValidation.CheckBridge(new BridgeSpec { Name = name }, "spec");
    }

    [Fact]
    public void Names_that_are_not_kernel_devices_follow_open_vswitchs_rule_only()
    {
        // OVN names its patch ports like this: longer than IFNAMSIZ, which is fine for a name only the database holds.
        InterfaceSpec patch = InterfaceSpec.Patch("patch-br-int-to-provnet", "patch-provnet-to-br-int");
        Assert.Equal("patch-provnet-to-br-int", patch.Options["peer"]);
        Assert.Equal("gre:1", InterfaceSpec.Gre("gre:1", "192.0.2.1").Name);
        VswitchValidation.CheckPort(new PortSpec { Name = "bond-uplink-to-tor", Interfaces = [InterfaceSpec.System("eth0"), InterfaceSpec.System("eth1")] }, "spec");

        foreach (string bad in new[] { "", "a b", "a\tb", "a\u00a0b", "a\u0085b", "a\u0001b" })
        {
            Assert.ThrowsAny<ArgumentException>(() => InterfaceSpec.Patch(bad.Length == 0 ? "" : bad, "peer0"));
            Assert.ThrowsAny<ArgumentException>(() => InterfaceSpec.Gre(bad, "192.0.2.1"));
            Assert.ThrowsAny<ArgumentException>(() => VswitchValidation.CheckPort(new PortSpec { Name = bad, Interfaces = [InterfaceSpec.Internal("vm0")] }, "spec"));
        }
    }

    [Fact]
    public void Lone_surrogates_and_nul_are_refused_in_names_types_and_maps_with_the_position()
    {
        const string bad = "bad\ud800";
        InterfaceSpec gre = InterfaceSpec.Gre("gre0", "192.0.2.1");
        Action[] checks =
        [
            () => InterfaceSpec.Internal("vm\udc00"),
            () => InterfaceSpec.Patch("p\ud800", "peer0"),
            () => InterfaceSpec.Patch("p0", bad),
            () => VswitchCheck(gre with { Name = "gre\ud800" }),
            () => VswitchCheck(gre with { ExternalIds = new Dictionary<string, string> { ["owner"] = bad } }),
            () => VswitchCheck(gre with { ExternalIds = new Dictionary<string, string> { [bad] = "x" } }),
            () => VswitchCheck(gre with { Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.1", ["packet_type"] = bad } }),
            () => VswitchCheck(gre with { Type = "gre\ud800" }),
            () => VswitchCheck(gre with { ExternalIds = new Dictionary<string, string> { ["owner"] = "nul\0" } }),
            () => VswitchValidation.CheckBridge(new BridgeSpec { Name = "br0", OtherConfig = new Dictionary<string, string> { ["k"] = bad } }, "spec"),
            () => VswitchValidation.CheckBridge(new BridgeSpec { Name = "br0", DatapathType = "netdev\udfff" }, "spec"),
            () => VswitchValidation.CheckPort(new PortSpec { Name = "bond\ud800", Interfaces = [InterfaceSpec.Internal("vm0")] }, "spec"),
        ];
        for (int i = 0; i < checks.Length; i++)
        {
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(checks[i]);
            Assert.True(e.Message.Contains("at index", StringComparison.Ordinal), $"check {i}: {e.Message}");
            Assert.DoesNotContain("\uFFFD", e.Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, Func<InterfaceSpec>, string> BadTunnels => new()
    {
        { "IPv6 remote, IPv4 local", () => InterfaceSpec.Gre("gre1", "2001:db8::1", localIp: "198.51.100.10"), "one address family" },
        { "IPv4 remote, IPv6 local", () => InterfaceSpec.Vxlan("vx1", "192.0.2.1", localIp: "2001:db8::10"), "one address family" },
        { "IPv4-mapped IPv6 local", () => InterfaceSpec.Geneve("gnv1", "192.0.2.1", localIp: "::ffff:198.51.100.10"), "one address family" },
        { "typed addresses of two families", () => InterfaceSpec.Gre("gre1", IPAddress.Parse("2001:db8::1"), IPAddress.Parse("198.51.100.10")), "one address family" },
        { "local_ip=flow with a fixed remote", () => InterfaceSpec.Vxlan("vx1", "192.0.2.1", localIp: "flow"), "only valid with options:remote_ip=flow" },
        { "three-part IPv4", () => InterfaceSpec.Gre("gre1", "1.2.3"), "neither an IP address" },
        { "five-part IPv4", () => InterfaceSpec.Gre("gre1", "1.2.3.4.5"), "neither an IP address" },
        { "leading zero", () => InterfaceSpec.Gre("gre1", "192.0.2.01"), "neither an IP address" },
        { "hex octet", () => InterfaceSpec.Gre("gre1", "0x7f.0.0.1"), "neither an IP address" },
        { "leading space", () => InterfaceSpec.Gre("gre1", " 192.0.2.1"), "neither an IP address" },
        { "trailing newline", () => InterfaceSpec.Gre("gre1", "192.0.2.1\n"), "control characters" },
        { "empty", () => InterfaceSpec.Gre("gre1", ""), "neither an IP address" },
        { "IPv6 zone", () => InterfaceSpec.Geneve("gnv1", "fe80::1%eth0"), "neither an IP address" },
        { "typed IPv6 with a scope", () => InterfaceSpec.Geneve("gnv1", IPAddress.Parse("fe80::1%2")), "neither an IP address" },
        { "IPv6 in brackets", () => InterfaceSpec.Geneve("gnv1", "[2001:db8::1]"), "neither an IP address" },
        { "IPv6 with a prefix", () => InterfaceSpec.Geneve("gnv1", "2001:db8::1/64"), "neither an IP address" },
        { "IPv6 with a short IPv4 tail", () => InterfaceSpec.Geneve("gnv1", "::ffff:1.2.3"), "neither an IP address" },
        { "VXLAN VNI of 25 bits", () => InterfaceSpec.Vxlan("vx1", "192.0.2.1", key: "16777216"), "24-bit vxlan" },
        { "Geneve VNI of 25 bits in hex", () => InterfaceSpec.Geneve("gnv1", "192.0.2.1", key: "0x1000000"), "24-bit geneve" },
        { "typed VXLAN VNI of 25 bits", () => InterfaceSpec.Vxlan("vx1", IPAddress.Parse("192.0.2.1"), key: 1UL << 24), "24-bit vxlan" },
        { "VXLAN in_key of 25 bits", () => InterfaceSpec.Vxlan("vx1", "192.0.2.1", options: new TunnelOptions { InKey = "16777216" }), "24-bit vxlan" },
        { "GRE key of 33 bits", () => InterfaceSpec.Gre("gre1", "192.0.2.1", key: "4294967296"), "32-bit gre" },
        { "GRE out_key of 64 bits", () => InterfaceSpec.Gre("gre1", "192.0.2.1", options: new TunnelOptions { OutKey = "0xffffffffffffffff" }), "32-bit gre" },
        { "ERSPAN key of 33 bits", () => VswitchCheck(new InterfaceSpec { Name = "ers1", Type = "erspan", Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.1", ["key"] = "4294967296" } }), "32-bit erspan" },
    };

    [Theory]
    [MemberData(nameof(BadTunnels))]
    public void Tunnels_are_checked_as_open_vswitch_would(string why, Func<InterfaceSpec> create, string rule)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(e.Message.Contains(rule, StringComparison.Ordinal), $"{why}: {e.Message}");
    }

    [Fact]
    public void Valid_tunnels_pass()
    {
        Assert.Equal("16777215", InterfaceSpec.Vxlan("vx1", "192.0.2.1", key: "16777215").Options["key"]);
        Assert.Equal("0xffffff", InterfaceSpec.Geneve("gnv1", "2001:db8::1", localIp: "2001:db8::10", key: "0xffffff").Options["key"]);
        Assert.Equal("4294967295", InterfaceSpec.Gre("gre1", "192.0.2.1", localIp: "198.51.100.10", key: "4294967295").Options["key"]);
        Assert.Equal("flow", InterfaceSpec.Vxlan("vx1", "flow", localIp: "flow", key: "flow").Options["local_ip"]);
        Assert.Equal("198.51.100.10", InterfaceSpec.Vxlan("vx1", "flow", localIp: "198.51.100.10").Options["local_ip"]);
        Assert.Equal("::ffff:192.0.2.1", InterfaceSpec.Geneve("gnv1", "::ffff:192.0.2.1").Options["remote_ip"]);
        Assert.Equal("0.0.0.0", InterfaceSpec.Gre("gre1", "0.0.0.0").Options["remote_ip"]);
        Assert.Equal("18446744073709551615", VswitchCheck(new InterfaceSpec
        {
            Name = "stt1",
            Type = "stt",
            Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.1", ["key"] = "18446744073709551615" },
        }).Options["key"]);
    }

    [Fact]
    public async Task Unixctl_refuses_invalid_text_before_anything_is_sent()
    {
        // The stream never answers: a command that is sent would wait, so a bounded wait makes that a failure, not a hang.
        var stream = new RecordingStream();
        await using OvsUnixctlClient client = OvsUnixctlClient.Create(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ArgumentException e = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("ovs/route/add", ["198.51.101.0/24", "tep\ud8000"], timeout.Token));
        Assert.Contains("argument 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("at index 3", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("version\udc00", timeout.Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("vlog/set", ["nul\0"], timeout.Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ExecuteAsync("vlog/set", [null!], timeout.Token));
        Assert.Equal(0, stream.BytesWritten);
    }

    private static InterfaceSpec VswitchCheck(InterfaceSpec spec)
    {
        VswitchValidation.CheckInterface(spec, "spec");
        return spec;
    }

    /// <summary>A duplex stream that never answers and counts what is written to it.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long written;

        public long BytesWritten => Interlocked.Read(ref this.written);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => this.ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await this.closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Interlocked.Add(ref this.written, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref this.written, buffer.Length);
            return ValueTask.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            this.closed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}

using OvsNet.Samples.Routing;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>The sample console app, run in-process against a namespace the test created.</summary>
public class SampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Sample_applies_is_idempotent_and_removes()
    {
        using var lab = HypervisorLab.Create();
        var output = new StringWriter();
        Assert.Equal(0, await RoutingSample.RunAsync(["--netns", lab.Hv.Name], output, Ct));
        Assert.Contains("+ rule 1000: from 198.51.100.10/32 lookup 200 proto 240", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Done: 4 change(s).", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("tep0", lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10")[0].GetProperty("dev").GetString());

        output = new StringWriter();
        Assert.Equal(0, await RoutingSample.RunAsync(["--netns", lab.Hv.Name], output, Ct));
        Assert.Contains("(nothing to do)", output.ToString(), StringComparison.Ordinal);
        Assert.Single(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);

        output = new StringWriter();
        Assert.Equal(0, await RoutingSample.RunAsync(["--netns", lab.Hv.Name, "--remove"], output, Ct));
        Assert.Contains("- rule 1000", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Sample_foreign_route_refused_naming_it_then_taken_over_with_the_flag()
    {
        using var lab = HypervisorLab.Create();
        lab.Hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0", "table", "200");
        var output = new StringWriter();
        Assert.Equal(1, await RoutingSample.RunAsync(["--netns", lab.Hv.Name], output, Ct));
        Assert.Contains("default via 192.0.2.1", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("TakeOver", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);

        string dir = Directory.CreateTempSubdirectory("ovsnet-iproute2-").FullName;
        try
        {
            output = new StringWriter();
            Assert.Equal(0, await RoutingSample.RunAsync(["--netns", lab.Hv.Name, "--take-over", "--iproute-dir", dir], output, Ct));
            Assert.Contains("(foreign, taken over)", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("tep0", lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10")[0].GetProperty("dev").GetString());
            Assert.Equal(200u, new RouteTableNames(dir).FindId("tunnel"));

            Assert.Equal(0, await RoutingSample.RunAsync(["--netns", lab.Hv.Name, "--remove", "--iproute-dir", dir], new StringWriter(), Ct));
            Assert.Null(new RouteTableNames(dir).FindId("tunnel"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Sample_gateway_outside_the_prefix_exits_two_before_touching_anything()
    {
        using var lab = HypervisorLab.Create();
        var output = new StringWriter();
        Assert.Equal(2, await RoutingSample.RunAsync(["--netns", lab.Hv.Name, "--gateway", "203.0.113.1"], output, Ct));
        Assert.Contains("outside the endpoint's prefix", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(lab.Hv.IpJson("addr", "show", "dev", "tep0")[0].GetProperty("addr_info").EnumerateArray());
    }

    [Fact]
    public async Task Sample_bad_arguments_exit_two_without_touching_anything()
    {
        var output = new StringWriter();
        Assert.Equal(2, await RoutingSample.RunAsync(["--table", "254", "--netns", "whatever"], output, Ct));
        Assert.Contains("reserved", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await RoutingSample.RunAsync([], new StringWriter(), Ct));
    }
}

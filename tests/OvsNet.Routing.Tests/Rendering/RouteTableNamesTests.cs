using OvsNet.Routing.Rendering;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Rendering;

/// <summary>rt_tables reading and drop-in writing, in a temporary directory standing in for /etc/iproute2.</summary>
public sealed class RouteTableNamesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ovsnet-iproute2-").FullName;

    [Fact]
    public void Reads_rt_tables_and_conf_drop_ins_ignoring_comments_and_other_files()
    {
        File.WriteAllText(Path.Combine(_root, "rt_tables"), "#\n# reserved values\n255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n0x64 hexa # comment\n");
        Directory.CreateDirectory(Path.Combine(_root, "rt_tables.d"));
        File.WriteAllText(Path.Combine(_root, "rt_tables.d", "a.conf"), "70000 bigtable\n");
        File.WriteAllText(Path.Combine(_root, "rt_tables.d", "ignored.txt"), "300 ignored\n");

        var names = new RouteTableNames(_root);
        IReadOnlyDictionary<uint, string> all = names.Load();
        Assert.Equal("main", all[254]);
        Assert.Equal("hexa", all[100]);
        Assert.Equal(70000u, names.FindId("bigtable"));
        Assert.Null(names.FindName(300));
    }

    [Fact]
    public void Ensure_writes_one_drop_in_and_never_duplicates()
    {
        File.WriteAllText(Path.Combine(_root, "rt_tables"), "254\tmain\n");
        var names = new RouteTableNames(_root);
        Assert.True(names.Ensure(200, "tunnel"));
        Assert.False(names.Ensure(200, "tunnel"));
        Assert.False(names.Ensure(200, "tunnel"));

        string path = Path.Combine(_root, "rt_tables.d", "tunnel.conf");
        Assert.Equal(RtTablesRenderer.Render(HypervisorLab.Policy4), File.ReadAllText(path));
        Assert.Single(File.ReadAllLines(path), l => l.StartsWith("200 ", StringComparison.Ordinal));
        Assert.Equal("254\tmain\n", File.ReadAllText(Path.Combine(_root, "rt_tables")));
        Assert.Equal(200u, names.FindId("tunnel"));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "rt_tables.d")));
    }

    [Fact]
    public void Ensure_refuses_conflicts_and_reserved_ids()
    {
        var names = new RouteTableNames(_root);
        names.Ensure(200, "tunnel");
        Assert.Throws<InvalidOperationException>(() => names.Ensure(200, "other"));
        Assert.Throws<InvalidOperationException>(() => names.Ensure(201, "tunnel"));
        Assert.Throws<ArgumentException>(() => names.Ensure(254, "mine"));
        Assert.Throws<ArgumentException>(() => names.Ensure(202, "has space"));
    }

    [Fact]
    public void Iproutes_own_tool_resolves_the_written_name()
    {
        // The real consumer is iproute2 itself; it reads only the real /etc/iproute2, so this test only checks the
        // format it documents: "ID NAME" per line in a *.conf drop-in.
        new RouteTableNames(_root).Ensure(200, "tunnel");
        string line = File.ReadAllLines(Path.Combine(_root, "rt_tables.d", "tunnel.conf")).Single(l => !l.StartsWith('#'));
        Assert.Equal("200 tunnel", line);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

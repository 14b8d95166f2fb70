using System.Globalization;
using OvsNet.Routing.Rendering;

namespace OvsNet.Routing;

/// <summary>
/// iproute2's routing-table names: <c>rt_tables</c> plus <c>rt_tables.d/*.conf</c> under a configurable directory
/// (default <c>/etc/iproute2</c>; tests point it at a temporary one). Names exist only in these files; the kernel
/// knows numbers. New names go into a drop-in of their own, written whole, so repeated runs never duplicate.
/// Not thread-safe for concurrent writers.
/// </summary>
public sealed class RouteTableNames
{
    /// <summary>Uses <paramref name="configDirectory"/> as the iproute2 directory.</summary>
    public RouteTableNames(string configDirectory = "/etc/iproute2")
    {
        ArgumentException.ThrowIfNullOrEmpty(configDirectory);
        this.ConfigDirectory = configDirectory;
    }

    /// <summary>The iproute2 configuration directory.</summary>
    public string ConfigDirectory { get; }

    /// <summary>
    /// Reads every id/name pair: rt_tables first, then the drop-ins in ordinal file-name order (later files win
    /// for the same id, as in iproute2). Missing files mean no names.
    /// </summary>
    public IReadOnlyDictionary<uint, string> Load()
    {
        var names = new Dictionary<uint, string>();
        ReadFile(Path.Combine(this.ConfigDirectory, "rt_tables"), names);
        string dropIns = Path.Combine(this.ConfigDirectory, "rt_tables.d");
        if (Directory.Exists(dropIns))
        {
            foreach (string file in Directory.GetFiles(dropIns, "*.conf").Order(StringComparer.Ordinal))
            {
                ReadFile(file, names);
            }
        }

        return names;
    }

    /// <summary>The id a name maps to, or null.</summary>
    public uint? FindId(string name) => this.Load().Where(p => p.Value == name).Select(p => (uint?)p.Key).FirstOrDefault();

    /// <summary>The name of an id, or null.</summary>
    public string? FindName(uint id) => this.Load().TryGetValue(id, out string? name) ? name : null;

    /// <summary>
    /// Makes <paramref name="name"/> resolve to <paramref name="id"/>: does nothing when it already does, otherwise
    /// writes <c>rt_tables.d/NAME.conf</c>. Returns true when a file was written.
    /// </summary>
    /// <exception cref="ArgumentException">The id is reserved or the name unusable.</exception>
    /// <exception cref="InvalidOperationException">The id already has another name, or the name another id.</exception>
    public bool Ensure(uint id, string name)
    {
        TunnelRoutingPolicy.ValidateTable(id, name);
        IReadOnlyDictionary<uint, string> names = this.Load();
        if (names.TryGetValue(id, out string? existing))
        {
            return existing == name
                ? false
                : throw new InvalidOperationException($"Table {id} is already named '{existing}' in {this.ConfigDirectory}; refusing to rename it '{name}'.");
        }

        if (names.FirstOrDefault(p => p.Value == name) is { Value: not null } other)
        {
            throw new InvalidOperationException($"Name '{name}' already maps to table {other.Key} in {this.ConfigDirectory}.");
        }

        string directory = Path.Combine(this.ConfigDirectory, "rt_tables.d");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name + ".conf");
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, RtTablesRenderer.Render(id, name));
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    private static void ReadFile(string path, Dictionary<uint, string> names)
    {
        foreach (RouteTableName entry in ReadEntries(path))
        {
            names[entry.Id] = entry.Name;
        }
    }

    /// <summary>Reads the <c>id name</c> lines of one rt_tables file (none when it does not exist), as iproute2 does.</summary>
    internal static IEnumerable<RouteTableName> ReadEntries(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && TryParseId(parts[0], out uint id))
            {
                yield return new RouteTableName(id, parts[1].Split('#')[0].Trim());
            }
        }
    }

    /// <summary>iproute2 accepts decimal and 0x-prefixed hex ids.</summary>
    private static bool TryParseId(string text, out uint id) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out id)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}

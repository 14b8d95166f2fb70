using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// One logical change planned against a <see cref="VswitchState"/> snapshot, in typed models: the inserts, the rows it
/// updates with the columns they relied on (verified at commit with <c>wait ... until "==" timeout 0</c>, as ovs-vsctl
/// does), the deletes, a readable list of changes and the interfaces whose configuration ovs-vswitchd must apply.
/// <see cref="Build"/> turns it into one transaction.
/// </summary>
/// <remarks>Not thread-safe; one per attempt.</remarks>
internal sealed partial class VswitchPlan
{
    private readonly Dictionary<(string Table, OvsdbUuid Uuid), IRowChange> updates = [];
    private readonly List<Action<OvsdbTransaction>> inserts = [];
    private readonly List<Action<OvsdbTransaction>> deletes = [];
    private readonly List<VswitchChange> changes = [];
    private readonly SortedSet<string> touchedInterfaces = new(StringComparer.Ordinal);

    public VswitchPlan(VswitchState state) => this.State = state;

    /// <summary>A read row this plan rewrites: its pending value and the columns written (and verified).</summary>
    private interface IRowChange
    {
        void AddVerify(OvsdbTransaction tx);

        void AddUpdate(OvsdbTransaction tx);
    }

    public VswitchState State { get; }

    public IReadOnlyList<VswitchChange> Changes => this.changes;

    /// <summary>Gets the names of interfaces created or reconfigured (type or options), whose status is checked after the wait.</summary>
    public IReadOnlyCollection<string> TouchedInterfaces => this.touchedInterfaces;

    public bool IsEmpty => this.inserts.Count == 0 && this.updates.Count == 0 && this.deletes.Count == 0;

    /// <summary>
    /// Builds the transaction: verifies first (they must see the state as read), then the writes; with
    /// <paramref name="bumpNextCfg"/>, also <c>next_cfg += 1</c> and a select of it (<paramref name="nextCfg"/>).
    /// </summary>
    public OvsdbTransaction Build(OvsdbClient client, string database, bool bumpNextCfg, string comment, out OvsdbSelection<OpenVSwitch>? nextCfg)
    {
        OvsdbTransaction tx = client.CreateTransaction(database);
        foreach (IRowChange row in this.updates.Values)
        {
            row.AddVerify(tx);
        }

        this.inserts.ForEach(insert => insert(tx));
        foreach (IRowChange row in this.updates.Values)
        {
            row.AddUpdate(tx);
        }

        this.deletes.ForEach(delete => delete(tx));
        nextCfg = null;
        if (bumpNextCfg)
        {
            // As ovs-vsctl --wait: ovs-vswitchd sets cur_cfg to this value once it has applied the configuration.
            OvsdbRef<OpenVSwitch> root = this.State.Root.Uuid;
            tx.Mutate(root, OpenVSwitch.Columns.NextCfg.Mutate(Mutator.Add, 1));
            nextCfg = tx.Select([root.ToCondition()], OpenVSwitch.Columns.NextCfg);
        }

        tx.Comment(comment);
        return tx;
    }

    private void Created(string table, string name, string? parent, string? details = null)
        => this.changes.Add(new VswitchChange { Kind = VswitchChangeKind.Created, Table = table, Name = name, Parent = parent, Details = details });

    private void Removed(string table, string name, string? parent, string? details = null)
        => this.changes.Add(new VswitchChange { Kind = VswitchChangeKind.Removed, Table = table, Name = name, Parent = parent, Details = details });

    private void Updated(string table, string name, string column, string? key, string? oldValue, string? newValue)
        => this.changes.Add(new VswitchChange
        {
            Kind = VswitchChangeKind.Updated,
            Table = table,
            Name = name,
            Column = column,
            Key = key,
            OldValue = oldValue,
            NewValue = newValue,
        });

    private void Touch(string interfaceName) => this.touchedInterfaces.Add(interfaceName);

    /// <summary>
    /// Rewrites <paramref name="column"/> of a row read in the snapshot with <paramref name="change"/> applied to the
    /// row as this plan has it so far, and verifies at commit that the column still holds the value read.
    /// </summary>
    private void Set<T>(T read, OvsdbColumn<T> column, Func<T, T> change)
        where T : IOvsdbModel<T>
    {
        if (!this.updates.TryGetValue((T.TableName, read.Uuid), out IRowChange? row))
        {
            row = new RowChange<T>(read);
            this.updates[(T.TableName, read.Uuid)] = row;
        }

        ((RowChange<T>)row).Write(column, change);
    }

    private OvsdbRef<T> Insert<T>(T row)
        where T : IOvsdbModel<T>
    {
        // ovs-vsctl's naming: "row" + a fresh uuid with '-' replaced by '_'.
        OvsdbNamedUuid name = OvsdbNamedUuid.FromUuid(OvsdbUuid.NewUuid());
        this.inserts.Add(tx => tx.Insert(row, name.Name));
        return name;
    }

    private void Delete<T>(T row)
        where T : IOvsdbModel<T>
        => this.deletes.Add(tx => tx.Delete(new OvsdbRef<T>(row.Uuid)));

    /// <summary>Merges <paramref name="desired"/> into a map column; keys not listed are kept.</summary>
    private void MergeMap<T>(T read, OvsdbMapColumn<T, string, string> column, OvsdbModelMap<string, string> current, IReadOnlyDictionary<string, string> desired, Func<T, OvsdbModelMap<string, string>, T> with, string name)
        where T : IOvsdbModel<T>
    {
        var merged = new SortedDictionary<string, string>(current.ToDictionary(), StringComparer.Ordinal);
        bool changed = false;
        foreach ((string key, string value) in desired.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (current.TryGetValue(key, out string? old) && old == value)
            {
                continue;
            }

            this.Updated(T.TableName, name, column.Name, key, old, value);
            merged[key] = value;
            changed = true;
        }

        if (changed)
        {
            this.Set(read, column, row => with(row, new OvsdbModelMap<string, string>(merged)));
        }
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static string Describe(IReadOnlyDictionary<string, string> map)
        => "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Quote(p.Value)}")) + "}";

    private sealed class RowChange<T> : IRowChange
        where T : IOvsdbModel<T>
    {
        private readonly List<OvsdbColumn<T>> columns = [];
        private readonly T read;
        private T current;

        public RowChange(T read)
        {
            this.read = read;
            this.current = read;
        }

        public void Write(OvsdbColumn<T> column, Func<T, T> change)
        {
            this.current = change(this.current);
            if (!this.columns.Any(c => c.Name == column.Name))
            {
                this.columns.Add(column);
            }
        }

        public void AddVerify(OvsdbTransaction tx) => tx.Verify(this.read, [.. this.columns]);

        public void AddUpdate(OvsdbTransaction tx) => tx.Update(this.current, [.. this.columns]);
    }
}

using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// Checks that every named-uuid a transaction refers to is defined by one of its inserts. ovsdb-server would reject
/// the whole transaction anyway (RFC 7047 §5.1), but only after sending it; this names the culprit before.
/// </summary>
internal static class NamedUuidCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first undefined reference.</summary>
    public static void ThrowIfUndefined(IReadOnlyList<OvsdbOperation> operations, IReadOnlySet<string> defined)
    {
        for (int i = 0; i < operations.Count; i++)
        {
            foreach (OvsdbValue value in ValuesOf(operations[i]))
            {
                foreach (OvsdbAtom atom in AtomsOf(value))
                {
                    if (atom.IsNamedUuid && !defined.Contains(atom.AsNamedUuid().Name))
                    {
                        throw new ArgumentException(
                            $"Operation {i} ({operations[i].Op} {operations[i].Table}) refers to named-uuid '{atom.AsNamedUuid().Name}', which no insert of this transaction defines.");
                    }
                }
            }
        }
    }

    private static IEnumerable<OvsdbValue> ValuesOf(OvsdbOperation operation) => operation switch
    {
        InsertOperation insert => insert.Row.Values,
        UpdateOperation update => update.Row.Values.Concat(Conditions(update.Where)),
        MutateOperation mutate => mutate.Mutations.Select(m => m.Value).Concat(Conditions(mutate.Where)),
        DeleteOperation delete => Conditions(delete.Where),
        SelectOperation select => Conditions(select.Where),
        WaitOperation wait => wait.Rows.SelectMany(r => r.Values).Concat(Conditions(wait.Where)),
        _ => [],
    };

    private static IEnumerable<OvsdbValue> Conditions(IReadOnlyList<OvsdbCondition> where)
        => where.Where(c => c.Constant is null).Select(c => c.Value);

    private static IEnumerable<OvsdbAtom> AtomsOf(OvsdbValue value) => value.Kind switch
    {
        OvsdbValueKind.Atom => [value.AsAtom()],
        OvsdbValueKind.Set => value.AsSet(),
        _ => value.AsMap().SelectMany(pair => new[] { pair.Key, pair.Value }),
    };
}

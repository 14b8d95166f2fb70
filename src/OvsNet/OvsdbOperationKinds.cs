namespace OvsNet;

/// <summary>Maps the wire name of an operation (<c>"insert"</c>...) to its <see cref="OvsdbOperationKind"/>.</summary>
internal static class OvsdbOperationKinds
{
    public static OvsdbOperationKind FromOp(string op) => op switch
    {
        "insert" => OvsdbOperationKind.Insert,
        "select" => OvsdbOperationKind.Select,
        "update" => OvsdbOperationKind.Update,
        "mutate" => OvsdbOperationKind.Mutate,
        "delete" => OvsdbOperationKind.Delete,
        "wait" => OvsdbOperationKind.Wait,
        "commit" => OvsdbOperationKind.Commit,
        "abort" => OvsdbOperationKind.Abort,
        "comment" => OvsdbOperationKind.Comment,
        "assert" => OvsdbOperationKind.Assert,
        _ => OvsdbOperationKind.Unknown,
    };

    public static string ToOp(OvsdbOperationKind kind) => kind switch
    {
        OvsdbOperationKind.Insert => "insert",
        OvsdbOperationKind.Select => "select",
        OvsdbOperationKind.Update => "update",
        OvsdbOperationKind.Mutate => "mutate",
        OvsdbOperationKind.Delete => "delete",
        OvsdbOperationKind.Wait => "wait",
        OvsdbOperationKind.Commit => "commit",
        OvsdbOperationKind.Abort => "abort",
        OvsdbOperationKind.Comment => "comment",
        OvsdbOperationKind.Assert => "assert",
        _ => "unknown operation",
    };
}

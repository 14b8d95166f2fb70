namespace OvsNet.Protocol;

/// <summary>The kind of an <c>update2</c>/<c>update3</c> row update (ovsdb-server(7) §4.1.14).</summary>
public enum RowUpdateKind
{
    /// <summary><c>"initial"</c>: a row present when the monitor started; columns equal to their default are omitted.</summary>
    Initial,

    /// <summary><c>"insert"</c>: a new row; columns equal to their default are omitted.</summary>
    Insert,

    /// <summary><c>"modify"</c>: the changed columns, as diffs for sets and maps and as new values otherwise.</summary>
    Modify,

    /// <summary><c>"delete"</c>: the row is gone (the JSON value is <c>null</c>).</summary>
    Delete,
}

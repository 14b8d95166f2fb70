namespace OvsNet.Generators.Model;

/// <summary>How a column's OVSDB type maps to one C# property type.</summary>
internal enum ColumnShape
{
    /// <summary>min 1, max 1, no value type: a plain value.</summary>
    Scalar,

    /// <summary>min 0, max 1, no value type: a nullable value.</summary>
    Optional,

    /// <summary>max above 1 (or unlimited), no value type: a read-only set.</summary>
    Set,

    /// <summary>A value type is given: a read-only map.</summary>
    Map,
}

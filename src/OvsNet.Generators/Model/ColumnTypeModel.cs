namespace OvsNet.Generators.Model;

/// <summary>An RFC 7047 &lt;type&gt;: key, optional value, min and max (null for "unlimited").</summary>
internal sealed record ColumnTypeModel(BaseTypeModel Key, BaseTypeModel? Value, long Min, long? Max)
{
    public ColumnShape Shape => this.Value is not null ? ColumnShape.Map
        : this.Max == 1 ? (this.Min == 0 ? ColumnShape.Optional : ColumnShape.Scalar)
        : ColumnShape.Set;
}

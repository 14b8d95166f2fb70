namespace OvsNet.Generators;

/// <summary>Names of the pipeline steps, so tests can assert that an unrelated edit leaves them cached.</summary>
internal static class TrackingNames
{
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string SchemaResults = nameof(SchemaResults);
}

namespace OvsNet.Generators.Json;

/// <summary>The kinds of JSON value the schema reader distinguishes.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

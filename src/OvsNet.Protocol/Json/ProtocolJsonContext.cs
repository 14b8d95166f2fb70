using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>
/// Source-generated serialization metadata for the types this assembly (de)serializes through <c>JsonSerializer</c>,
/// so no call needs reflection-based metadata (trimming and native AOT). The types carry their own converters.
/// </summary>
[JsonSerializable(typeof(OvsdbSet))]
[JsonSerializable(typeof(OvsdbUuid))]
[JsonSerializable(typeof(OvsdbRow))]
[JsonSerializable(typeof(List<OvsdbRow>))]
[JsonSerializable(typeof(List<OvsdbMutation>))]
[JsonSerializable(typeof(List<OvsdbCondition>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(TableUpdates2))]
[JsonSerializable(typeof(OvsdbOperation))]
[JsonSerializable(typeof(DatabaseSchema))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;

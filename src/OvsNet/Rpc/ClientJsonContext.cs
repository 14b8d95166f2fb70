using System.Text.Json.Serialization;
using OvsNet.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// Source-generated serialization metadata for the values the client serializes through <c>JsonSerializer</c> (monitor
/// requests and conditions), so no call needs reflection-based metadata (trimming and native AOT).
/// </summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>>))]
[JsonSerializable(typeof(IReadOnlyList<OvsdbCondition>))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OvsNet.Protocol.Json;

/// <summary>Reads RFC 7047 §5.2 operations from JSON, as strictly as ovsdb-server does (unknown members are errors).</summary>
internal static class OperationJsonReader
{
    public static OvsdbOperation Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"An operation must be a JSON object, got {json.ValueKind}.");
        }

        string op = json.TryGetProperty("op", out JsonElement o) && o.ValueKind == JsonValueKind.String
            ? o.GetString()!
            : throw new JsonException("An operation needs a string member 'op'.");
        try
        {
            return op switch
            {
                "insert" => ReadInsert(json),
                "select" => Checked(json, ["table", "where", "columns"], () => new SelectOperation(Table(json), Where(json), Columns(json))),
                "update" => Checked(json, ["table", "where", "row"], () => new UpdateOperation(Table(json), Where(json), Required(json, "row", ProtocolJsonContext.Default.OvsdbRow))),
                "mutate" => Checked(json, ["table", "where", "mutations"], () => new MutateOperation(Table(json), Where(json), Required(json, "mutations", ProtocolJsonContext.Default.ListOvsdbMutation))),
                "delete" => Checked(json, ["table", "where"], () => new DeleteOperation(Table(json), Where(json))),
                "wait" => ReadWait(json),
                "commit" => Checked(json, ["durable"], () => new CommitOperation(Required(json, "durable", ProtocolJsonContext.Default.Boolean))),
                "abort" => Checked(json, [], () => new AbortOperation()),
                "comment" => Checked(json, ["comment"], () => new CommentOperation(Required(json, "comment", ProtocolJsonContext.Default.String))),
                "assert" => Checked(json, ["lock"], () => new AssertOperation(Required(json, "lock", ProtocolJsonContext.Default.String))),
                _ => throw new JsonException($"Unknown operation \"{op}\" (RFC 7047 §5.2)."),
            };
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"Invalid \"{op}\" operation: {e.Message}", e);
        }
    }

    private static InsertOperation ReadInsert(JsonElement json) => Checked(json, ["table", "row", "uuid-name", "uuid"], () =>
        new InsertOperation(Table(json), Required(json, "row", ProtocolJsonContext.Default.OvsdbRow))
        {
            UuidName = json.TryGetProperty("uuid-name", out JsonElement n) ? new OvsdbNamedUuid(n.GetString() ?? "") : null,
            Uuid = json.TryGetProperty("uuid", out JsonElement u) ? InsertUuid(u) : null,
        });

    // ovsdb-server wants a bare uuid string for insert's "uuid"; accept the tagged form too when reading.
    private static OvsdbUuid InsertUuid(JsonElement json) => json.ValueKind == JsonValueKind.String
        ? (OvsdbUuid.TryParse(json.GetString(), out OvsdbUuid uuid) ? uuid : throw new JsonException($"Insert 'uuid' {json.GetRawText()} is not a uuid."))
        : json.Deserialize(ProtocolJsonContext.Default.OvsdbUuid);

    private static WaitOperation ReadWait(JsonElement json) => Checked(json, ["table", "where", "columns", "until", "rows", "timeout"], () =>
    {
        WaitUntil until = Required(json, "until", ProtocolJsonContext.Default.String) switch
        {
            "==" => WaitUntil.Equal,
            "!=" => WaitUntil.NotEqual,
            string other => throw new JsonException($"A wait's 'until' must be \"==\" or \"!=\", got \"{other}\"."),
        };

        // RFC 7047 §5.2.6: no timeout means wait forever.
        TimeSpan timeout = json.TryGetProperty("timeout", out JsonElement t)
            ? TimeSpan.FromMilliseconds(t.GetInt64())
            : Timeout.InfiniteTimeSpan;
        return new WaitOperation(Table(json), Where(json), Required(json, "rows", ProtocolJsonContext.Default.ListOvsdbRow), until, timeout, Columns(json));
    });

    private static T Checked<T>(JsonElement json, string[] allowed, Func<T> create)
    {
        foreach (JsonProperty member in json.EnumerateObject())
        {
            if (member.Name != "op" && Array.IndexOf(allowed, member.Name) < 0)
            {
                // ovsdb-server: "Member 'x' is present but not allowed here".
                throw new JsonException($"Member '{member.Name}' is not allowed in a \"{json.GetProperty("op").GetString()}\" operation.");
            }
        }

        return create();
    }

    private static string Table(JsonElement json) => Required(json, "table", ProtocolJsonContext.Default.String);

    private static List<OvsdbCondition> Where(JsonElement json) => Required(json, "where", ProtocolJsonContext.Default.ListOvsdbCondition);

    private static List<string>? Columns(JsonElement json) =>
        json.TryGetProperty("columns", out JsonElement c) ? c.Deserialize(ProtocolJsonContext.Default.ListString) : null;

    private static T Required<T>(JsonElement json, string member, JsonTypeInfo<T> typeInfo)
    {
        if (!json.TryGetProperty(member, out JsonElement value))
        {
            throw new JsonException($"Required member '{member}' is missing.");
        }

        try
        {
            return value.Deserialize(typeInfo) ?? throw new JsonException($"Member '{member}' must not be null.");
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"Member '{member}' has the wrong type: {e.Message}", e);
        }
    }
}

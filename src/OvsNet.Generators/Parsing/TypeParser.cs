using System.Globalization;
using OvsNet.Generators.Diagnostics;
using OvsNet.Generators.Json;
using OvsNet.Generators.Model;

namespace OvsNet.Generators.Parsing;

/// <summary>
/// Reads RFC 7047 §3.2 &lt;type&gt; and &lt;base-type&gt; and checks them as ovsdb-server and OvsNet.Protocol's
/// BaseType/ColumnType constructors do, so the generated metadata never throws when it is built.
/// </summary>
internal static class TypeParser
{
    public static ColumnTypeModel ParseType(JsonNode node, string what, ISet<string> tables)
    {
        if (node.Kind == JsonKind.String)
        {
            return new ColumnTypeModel(ParseBase(node, what, tables), null, 1, 1);
        }

        JsonRead.RequireKind(node, JsonKind.Object, what);
        JsonRead.OnlyMembers(node, what, "key", "value", "min", "max");
        BaseTypeModel key = ParseBase(JsonRead.Required(node, "key", what), what + " key", tables);
        BaseTypeModel? value = node["value"] is JsonNode v ? ParseBase(v, what + " value", tables) : null;

        long min = 1;
        if (node["min"] is JsonNode minNode)
        {
            if (!JsonRead.TryInteger(minNode, out min) || min is not (0 or 1))
            {
                throw JsonRead.Fail(GeneratorDiagnostics.InvalidMinMax, minNode, $"{what}: min must be 0 or 1, not {minNode.Describe()}");
            }
        }

        long? max = 1;
        if (node["max"] is JsonNode maxNode)
        {
            if (maxNode.Kind == JsonKind.String && maxNode.Text == "unlimited")
            {
                max = null;
            }
            else if (JsonRead.TryInteger(maxNode, out long m) && m >= 1)
            {
                max = m;
            }
            else
            {
                throw JsonRead.Fail(GeneratorDiagnostics.InvalidMinMax, maxNode, $"{what}: max must be a positive integer or \"unlimited\", not {maxNode.Describe()}");
            }

            if (max < min)
            {
                throw JsonRead.Fail(GeneratorDiagnostics.InvalidMinMax, maxNode, $"{what}: max {max} is less than min {min}");
            }
        }

        return new ColumnTypeModel(key, value, min, max);
    }

    private static BaseTypeModel ParseBase(JsonNode node, string what, ISet<string> tables)
    {
        if (node.Kind == JsonKind.String)
        {
            return Plain(ParseAtomType(node, what));
        }

        JsonRead.RequireKind(node, JsonKind.Object, what);
        JsonRead.OnlyMembers(node, what, "type", "enum", "minInteger", "maxInteger", "minReal", "maxReal", "minLength", "maxLength", "refTable", "refType");
        AtomKind type = ParseAtomType(JsonRead.Required(node, "type", what), what);
        var c = GeneratorDiagnostics.InvalidConstraint;

        long? minInteger = Only(node, "minInteger", type, AtomKind.Integer, what) is JsonNode a ? JsonRead.Integer(a, c, what + " minInteger") : null;
        long? maxInteger = Only(node, "maxInteger", type, AtomKind.Integer, what) is JsonNode b ? JsonRead.Integer(b, c, what + " maxInteger") : null;
        double? minReal = Only(node, "minReal", type, AtomKind.Real, what) is JsonNode d ? JsonRead.Real(d, c, what + " minReal") : null;
        double? maxReal = Only(node, "maxReal", type, AtomKind.Real, what) is JsonNode e ? JsonRead.Real(e, c, what + " maxReal") : null;
        long? minLength = Only(node, "minLength", type, AtomKind.String, what) is JsonNode f ? JsonRead.Integer(f, c, what + " minLength") : null;
        long? maxLength = Only(node, "maxLength", type, AtomKind.String, what) is JsonNode g ? JsonRead.Integer(g, c, what + " maxLength") : null;
        CheckOrder(node, "maxInteger", minInteger > maxInteger, what);
        CheckOrder(node, "maxReal", minReal > maxReal, what);
        CheckOrder(node, "maxLength", minLength > maxLength, what);
        if (minLength < 0)
        {
            throw JsonRead.Fail(c, node["minLength"]!, $"{what}: minLength must not be negative");
        }

        string? refTable = null;
        bool weak = false;
        if (Only(node, "refTable", type, AtomKind.Uuid, what) is JsonNode r)
        {
            refTable = JsonRead.String(r, what + " refTable");
            if (!tables.Contains(refTable))
            {
                throw JsonRead.Fail(GeneratorDiagnostics.UnknownRefTable, r, $"{what} refers to the table \"{refTable}\", which the schema does not define");
            }

            if (node["refType"] is JsonNode rt)
            {
                string refType = JsonRead.String(rt, what + " refType");
                weak = refType switch
                {
                    "strong" => false,
                    "weak" => true,
                    _ => throw JsonRead.Fail(c, rt, $"{what}: refType must be \"strong\" or \"weak\", not \"{refType}\""),
                };
            }
        }

        EquatableArray<string> values = default;
        bool hasEnum = false;
        if (node["enum"] is JsonNode en)
        {
            hasEnum = true;
            values = ParseEnum(en, type, what);
        }

        return new BaseTypeModel(type, values, hasEnum, minInteger, maxInteger, minReal, maxReal, minLength, maxLength, refTable, weak);
    }

    private static BaseTypeModel Plain(AtomKind type) => new(type, default, false, null, null, null, null, null, null, null, false);

    private static AtomKind ParseAtomType(JsonNode node, string what)
    {
        if (node.Kind != JsonKind.String)
        {
            throw JsonRead.Fail(GeneratorDiagnostics.UnknownType, node, $"{what}: expected an atomic type name, not {node.Describe()}");
        }

        return node.Text switch
        {
            "integer" => AtomKind.Integer,
            "real" => AtomKind.Real,
            "boolean" => AtomKind.Boolean,
            "string" => AtomKind.String,
            "uuid" => AtomKind.Uuid,
            _ => throw JsonRead.Fail(GeneratorDiagnostics.UnknownType, node, $"{what}: \"{node.Text}\" is not one of integer, real, boolean, string, uuid"),
        };
    }

    /// <summary>Returns the member if present, failing when the constraint does not apply to the type (as RFC 7047 requires).</summary>
    private static JsonNode? Only(JsonNode obj, string member, AtomKind type, AtomKind appliesTo, string what)
    {
        JsonNode? node = obj[member];
        if (node is not null && type != appliesTo)
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidConstraint, node, $"{what}: {member} applies only to {Name(appliesTo)}, not {Name(type)}");
        }

        return node;
    }

    private static void CheckOrder(JsonNode obj, string maxMember, bool inverted, string what)
    {
        if (inverted)
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidConstraint, obj[maxMember]!, $"{what}: {maxMember} is less than its minimum");
        }
    }

    private static EquatableArray<string> ParseEnum(JsonNode node, AtomKind type, string what)
    {
        // <enum> is one atom or ["set", [atoms]]; a bare array is a set only when it starts with "set".
        IReadOnlyList<JsonNode> atoms = node.Kind == JsonKind.Array && node.Items.Count == 2 && node.Items[0].Text == "set" && node.Items[0].Kind == JsonKind.String
            ? node.Items[1].Kind == JsonKind.Array ? node.Items[1].Items : throw JsonRead.Fail(GeneratorDiagnostics.InvalidConstraint, node.Items[1], $"{what}: enum [\"set\", ...] needs an array of values")
            : [node];
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode atom in atoms)
        {
            string text = ParseAtom(atom, type, what);
            if (seen.Add(text))
            {
                values.Add(text);
            }
        }

        return new EquatableArray<string>(values);
    }

    private static string ParseAtom(JsonNode atom, AtomKind type, string what)
    {
        switch (type)
        {
            case AtomKind.String when atom.Kind == JsonKind.String:
                return atom.Text!;
            case AtomKind.Integer when JsonRead.TryInteger(atom, out long i):
                return i.ToString(CultureInfo.InvariantCulture);
            case AtomKind.Real when atom.Kind == JsonKind.Number:
                return JsonRead.Real(atom, GeneratorDiagnostics.InvalidConstraint, what)!.Value.ToString("R", CultureInfo.InvariantCulture);
            case AtomKind.Boolean when atom.Kind is JsonKind.True or JsonKind.False:
                return atom.Kind == JsonKind.True ? "true" : "false";
            case AtomKind.Uuid when atom.Kind == JsonKind.Array && atom.Items.Count == 2 && atom.Items[0].Text == "uuid"
                && atom.Items[1].Kind == JsonKind.String && Guid.TryParse(atom.Items[1].Text, out Guid g):
                return g.ToString("D");
            default:
                throw JsonRead.Fail(GeneratorDiagnostics.InvalidConstraint, atom, $"{what}: the enum value {atom.Describe()} is not of type {Name(type)}");
        }
    }

    private static string Name(AtomKind type) => type.ToString().ToLowerInvariant();
}

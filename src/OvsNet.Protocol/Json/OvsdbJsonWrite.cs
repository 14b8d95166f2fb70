using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Writers for RFC 7047 §5.1 notation, straight to a <see cref="Utf8JsonWriter"/>.</summary>
internal static class OvsdbJsonWrite
{
    public static void WriteAtom(Utf8JsonWriter writer, OvsdbAtom atom)
    {
        switch (atom.Type)
        {
            case OvsdbAtomType.Integer:
                writer.WriteNumberValue(atom.RawBits);
                break;
            case OvsdbAtomType.Real:
                writer.WriteNumberValue(BitConverter.Int64BitsToDouble(atom.RawBits));
                break;
            case OvsdbAtomType.Boolean:
                writer.WriteBooleanValue(atom.RawBits != 0);
                break;
            case OvsdbAtomType.String:
                writer.WriteStringValue(atom.RawString);
                break;
            default:
                writer.WriteStartArray();
                if (atom.IsNamedUuid)
                {
                    writer.WriteStringValue("named-uuid"u8);
                    writer.WriteStringValue(atom.RawString);
                }
                else
                {
                    writer.WriteStringValue("uuid"u8);
                    writer.WriteStringValue(atom.RawGuid);
                }

                writer.WriteEndArray();
                break;
        }
    }

    public static void WriteUuid(Utf8JsonWriter writer, OvsdbUuid uuid)
    {
        writer.WriteStartArray();
        writer.WriteStringValue("uuid"u8);
        writer.WriteStringValue(uuid.Value);
        writer.WriteEndArray();
    }

    public static void WriteSet(Utf8JsonWriter writer, OvsdbSet set)
    {
        writer.WriteStartArray();
        writer.WriteStringValue("set"u8);
        writer.WriteStartArray();
        foreach (OvsdbAtom atom in set.Items)
        {
            WriteAtom(writer, atom);
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    public static void WriteMap(Utf8JsonWriter writer, OvsdbMap map)
    {
        writer.WriteStartArray();
        writer.WriteStringValue("map"u8);
        writer.WriteStartArray();
        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in map.Pairs)
        {
            writer.WriteStartArray();
            WriteAtom(writer, pair.Key);
            WriteAtom(writer, pair.Value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter writer, OvsdbValue value)
    {
        switch (value.Collection)
        {
            case null:
                WriteAtom(writer, value.RawAtom);
                break;
            case OvsdbSet set:
                WriteSet(writer, set);
                break;
            default:
                WriteMap(writer, (OvsdbMap)value.Collection);
                break;
        }
    }

    public static void WriteRow(Utf8JsonWriter writer, OvsdbRow row)
    {
        writer.WriteStartObject();
        foreach (KeyValuePair<string, OvsdbValue> column in row.EnumerateColumns())
        {
            writer.WritePropertyName(column.Key);
            WriteValue(writer, column.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteRows(Utf8JsonWriter writer, IEnumerable<OvsdbRow> rows)
    {
        writer.WriteStartArray();
        foreach (OvsdbRow row in rows)
        {
            WriteRow(writer, row);
        }

        writer.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> strings)
    {
        writer.WriteStartArray();
        foreach (string s in strings)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
    }
}

using OvsNet.Generators.Model;

namespace OvsNet.Generators.Parsing;

/// <summary>
/// Gives every table, column and enum its C# name. Order matters for determinism: table classes first (in schema
/// order), then each table's properties, then enum types (each with its <c>&lt;Enum&gt;Map</c> class), so a name only
/// ever changes when the schema does.
/// </summary>
internal static class SchemaNamer
{
    /// <summary>Members every generated model has (or inherits from record/object); a column mapping to one of them gets a <c>Column</c> suffix.</summary>
    private static readonly string[] ReservedMembers =
    [
        "Uuid", "TableName", "TableSchema", "FromRow", "ToRow", "Columns", "Equals", "GetHashCode", "ToString", "GetType",
        "EqualityContract", "Deconstruct", "PrintMembers", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];

    /// <summary>The suffix of the class generated next to each enum that maps its members to wire strings.</summary>
    private const string MapSuffix = "Map";

    public static SchemaModel Name(SchemaModel schema)
    {
        var typeNames = new HashSet<string>(StringComparer.Ordinal) { schema.DatabaseClassName };
        var classOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (TableModel table in schema.Tables)
        {
            classOf[table.Name] = CSharpNames.Unique(CSharpNames.ToPascalCase(table.Name), typeNames);
        }

        var tables = new List<TableModel>();
        foreach (TableModel table in schema.Tables)
        {
            string className = classOf[table.Name];
            var members = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { className };
            var columns = new List<ColumnModel>();
            foreach (ColumnModel column in table.Columns)
            {
                string candidate = CSharpNames.ToPascalCase(column.Name);
                if (members.Contains(candidate) && (Array.IndexOf(ReservedMembers, candidate) >= 0 || candidate == className))
                {
                    candidate += "Column";
                }

                string property = CSharpNames.Unique(candidate, members);
                ColumnTypeModel type = column.Type;
                bool isMap = type.Value is not null;
                type = type with
                {
                    Key = NameBase(type.Key, className + property.TrimStart('@') + (isMap ? "Key" : string.Empty), classOf, typeNames),
                    Value = type.Value is null ? null : NameBase(type.Value, className + property.TrimStart('@') + "Value", classOf, typeNames),
                };
                columns.Add(column with { PropertyName = property, Type = type });
            }

            tables.Add(table with { ClassName = className, Columns = new EquatableArray<ColumnModel>(columns) });
        }

        return schema with { Tables = new EquatableArray<TableModel>(tables) };
    }

    private static BaseTypeModel NameBase(BaseTypeModel type, string enumName, Dictionary<string, string> classOf, HashSet<string> typeNames)
    {
        if (type.RefTable is not null)
        {
            return type with { RefClassName = classOf[type.RefTable] };
        }

        if (type.Type != AtomKind.String || !type.HasEnum || type.Enum.Count == 0)
        {
            return type;
        }

        // Member 0 is Unknown: the value of a default instance and of any wire string this model does not know (a newer server).
        var used = new HashSet<string>(StringComparer.Ordinal) { "Unknown" };
        EnumMemberModel[] members = type.Enum.Select(wire => new EnumMemberModel(CSharpNames.Unique(CSharpNames.ToPascalCase(wire), used), wire)).ToArray();
        string name = UniqueEnumName(enumName, typeNames);
        return type with { EnumTypeName = name, EnumMapName = name + MapSuffix, EnumMembers = new EquatableArray<EnumMemberModel>(members) };
    }

    /// <summary>An enum name that is free together with its map's name (<c>&lt;Enum&gt;Map</c>); both are then taken.</summary>
    private static string UniqueEnumName(string candidate, HashSet<string> typeNames)
    {
        string name = candidate;
        for (int i = 2; typeNames.Contains(name) || typeNames.Contains(name + MapSuffix); i++)
        {
            name = candidate + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        typeNames.Add(name);
        typeNames.Add(name + MapSuffix);
        return name;
    }
}

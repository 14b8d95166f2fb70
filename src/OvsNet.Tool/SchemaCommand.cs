using System.CommandLine;

namespace OvsNet.Tool;

/// <summary><c>ovsnet schema</c>: prints the JSON Schema of host spec files (for editors).</summary>
internal static class SchemaCommand
{
    public static Command Build(TextWriter output)
    {
        var schema = new Command("schema", "Print the JSON Schema of host spec files (point your editor's YAML/JSON language server at it).");
        schema.SetAction(async (parse, ct) =>
        {
            await output.WriteLineAsync(Text()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return schema;
    }

    /// <summary>The schema, embedded in the tool.</summary>
    public static string Text()
    {
        using Stream stream = typeof(SchemaCommand).Assembly.GetManifestResourceStream("host-spec.schema.json")
            ?? throw new InvalidOperationException("The host spec schema is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using Microsoft.CodeAnalysis;
using OvsNet.Generators.Tests.Infrastructure;

namespace OvsNet.Generators.Tests;

/// <summary>A malformed schema is reported with a stable id at the exact line and column of the fault, and generates nothing.</summary>
public class DiagnosticTests
{
    [Theory]
    // Missing comma between members: reported where the next member name starts (line 3, column 3; 1-based).
    [InlineData("{\"name\": \"X\",\n \"version\": \"1.0.0\"\n  \"tables\": {}}", "OVSGEN001", 3, 3)]
    // A string running into a raw line break (RFC 8259: control characters must be escaped): at the line break.
    [InlineData("{\"name\": \"X,\n \"version\": \"1\"}", "OVSGEN001", 1, 13)]
    // Trailing garbage after the document.
    [InlineData("{\"name\": \"X\", \"version\": \"1\", \"tables\": {}}\n}", "OVSGEN001", 2, 1)]
    // Empty file.
    [InlineData("", "OVSGEN001", 1, 1)]
    public void Malformed_json_is_OVSGEN001_at_the_fault(string text, string id, int line, int column) =>
        AssertDiagnostic(text, id, line, column);

    [Fact]
    public void Unknown_atomic_type_is_OVSGEN003_at_the_type_name() =>
        // Column 31 is the opening quote of "intger".
        AssertDiagnostic(Schema("\"a\": {\"type\": \"string\"},\n        \"b\": {\"type\": {\"key\": \"intger\"}}"), "OVSGEN003", 6, 31);

    [Theory]
    [InlineData("{\"key\": \"string\", \"min\": 2}", 48)]
    [InlineData("{\"key\": \"string\", \"max\": 0}", 48)]
    [InlineData("{\"key\": \"string\", \"min\": 1, \"max\": \"lots\"}", 58)]
    public void Bad_min_or_max_is_OVSGEN004_at_the_value(string type, int column) =>
        AssertDiagnostic(Schema($"\"a\": {{\"type\": \"string\"}},\n        \"b\": {{\"type\": {type}}}"), "OVSGEN004", 6, column);

    [Fact]
    public void Unknown_ref_table_is_OVSGEN005() =>
        AssertDiagnostic(Schema("\"a\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"Nope\"}}}"), "OVSGEN005", 5, 60);

    [Theory]
    [InlineData("{\"type\": \"integer\", \"minInteger\": 5, \"maxInteger\": 1}")]
    [InlineData("{\"type\": \"string\", \"minInteger\": 5}")]
    [InlineData("{\"type\": \"string\", \"enum\": [\"set\", [1, 2]]}")]
    public void Invalid_constraint_is_OVSGEN006_on_its_line(string baseType) =>
        AssertDiagnostic(Schema($"\"a\": {{\"type\": {{\"key\": {baseType}}}}}"), "OVSGEN006", 5, null);

    [Fact]
    public void Index_on_an_unknown_column_is_OVSGEN007()
    {
        string text = "{\"name\": \"X\", \"version\": \"1\", \"tables\": {\"T\": {\n  \"columns\": {\"a\": {\"type\": \"string\"}},\n  \"indexes\": [[\"a\", \"b\"]]}}}";
        AssertDiagnostic(text, "OVSGEN007", 3, 21);
    }

    [Fact]
    public void Unknown_member_is_OVSGEN002()
    {
        string text = "{\"name\": \"X\", \"version\": \"1\", \"tables\": {\"T\": {\n  \"columns\": {},\n  \"maxrows\": 1}}}";
        AssertDiagnostic(text, "OVSGEN002", 3, 3);
    }

    [Fact]
    public void Invalid_namespace_is_OVSGEN008()
    {
        GeneratorRunResult result = GeneratorHarness.Run(Schema("\"a\": {\"type\": \"string\"}"), ns: "My.class.Models");
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("OVSGEN008", diagnostic.Id);
        Assert.Contains("My.class.Models", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>A one-table schema whose columns start on line 5 (1-based), 8 spaces in.</summary>
    private static string Schema(string columns) =>
        "{\"name\": \"X\",\n \"version\": \"1.0.0\",\n \"tables\": {\n   \"T\": {\"columns\": {\n        " + columns + "}}}}";

    private static void AssertDiagnostic(string text, string id, int line, int? column)
    {
        GeneratorRunResult result = GeneratorHarness.Run(text);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/test.ovsschema", span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
        if (column is int c)
        {
            Assert.Equal(c, span.StartLinePosition.Character + 1);
        }

        Assert.Empty(result.GeneratedSources);
    }
}

using System.ComponentModel;
using System.Reflection;
using OvsNet.Mapping;

namespace OvsNet.Tests;

/// <summary>The public types of OvsNet.Mapping that only generated code uses are hidden from IntelliSense; the rest stay visible.</summary>
public sealed class MappingVisibilityTests
{
    [Fact]
    public void Only_the_helpers_of_generated_code_are_hidden()
    {
        string[] hidden = typeof(IOvsdbModel<>).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "OvsNet.Mapping")
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            [nameof(OvsdbAtomConvert), nameof(OvsdbModelSet), nameof(OvsdbRowReader), nameof(OvsdbRowWriter)],
            hidden);
    }

    [Theory]
    [InlineData(typeof(IOvsdbModel<>))]
    [InlineData(typeof(OvsdbRef<>))]
    [InlineData(typeof(OvsdbModelSet<>))]
    [InlineData(typeof(OvsdbModelMap<,>))]
    [InlineData(typeof(OvsdbColumn<>))]
    [InlineData(typeof(IOvsdbEnumMap<>))]
    [InlineData(typeof(OvsdbRowScope))]
    [InlineData(typeof(OvsdbSelection<>))]
    [InlineData(typeof(OvsdbSchemaCompatibility))]
    [InlineData(typeof(OvsdbTransactionModelExtensions))]
    [InlineData(typeof(OvsdbClientModelExtensions))]
    public void Types_users_write_stay_visible(Type type)
    {
        Assert.Null(type.GetCustomAttribute<EditorBrowsableAttribute>());
    }
}

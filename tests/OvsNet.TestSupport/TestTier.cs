using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// The two test tiers. A unit test carries no trait and runs anywhere: no root, no Open vSwitch, no network namespace, no
/// container engine. Every test that needs any of them carries <c>[Trait("Category", "Integration")]</c> (on its class,
/// or on the method when the class mixes), so <c>dotnet test --filter "Category!=Integration"</c> is the unit tier.
/// </summary>
/// <remarks>
/// The prerequisite checks (<see cref="Prerequisites"/>) and the fixtures that start servers or create namespaces call
/// <see cref="RequireIntegration"/>, which fails the current test when it lacks the trait, so a test can never slip
/// into the unit tier while needing the host.
/// </remarks>
public static class TestTier
{
    /// <summary>The trait name, <c>Category</c>.</summary>
    public const string Category = "Category";

    /// <summary>The trait value of the integration tier, <c>Integration</c>.</summary>
    public const string Integration = "Integration";

    /// <summary>
    /// Fails when the current test (or, in a class or collection fixture, its test class or collection) is not marked
    /// <c>[Trait("Category", "Integration")]</c>. Outside a test context (no xunit test running) it does nothing.
    /// </summary>
    /// <param name="what">What the test asked for (named in the failure).</param>
    public static void RequireIntegration(string what)
    {
        ITestContext context = TestContext.Current;
        string? owner;
        bool marked;
        if (context.Test is { } test)
        {
            owner = test.TestDisplayName;
            marked = IsIntegration(test.Traits);
        }
        else if (context.TestClass is { } testClass)
        {
            owner = testClass.TestClassName;
            marked = IsIntegration(testClass.Traits);
        }
        else if (context.TestCollection is { } collection)
        {
            owner = collection.TestCollectionDisplayName;
            marked = IsIntegration(collection.Traits);
        }
        else
        {
            return;
        }

        if (!marked)
        {
            throw new InvalidOperationException(
                $"{owner} needs {what}, which only integration tests may use: mark it [Trait(\"{Category}\", \"{Integration}\")] " +
                "(on the class, or on the method when the class mixes unit and integration tests). Unit tests run without root, " +
                "Open vSwitch, network namespaces or containers (dotnet test --filter \"Category!=Integration\").");
        }
    }

    /// <summary>Whether a trait set holds <c>Category=Integration</c>.</summary>
    /// <param name="traits">The traits.</param>
    /// <returns>True when marked.</returns>
    public static bool IsIntegration(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? traits)
        => traits is not null && traits.TryGetValue(Category, out IReadOnlyCollection<string>? values) && values.Contains(Integration);
}

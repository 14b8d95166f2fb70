using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// The tier rule is enforced: a test without <c>[Trait("Category", "Integration")]</c> that asks for what only
/// integration tests may use fails with the reason, whether the prerequisite is present or not.
/// </summary>
public class TestTierTests
{
    [Fact]
    public void A_unit_test_asking_for_a_prerequisite_fails_naming_the_trait()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => Prerequisites.RequireTool("sh"));
        Assert.Contains("[Trait(\"Category\", \"Integration\")]", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(this.A_unit_test_asking_for_a_prerequisite_fails_naming_the_trait), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_test_creating_a_namespace_fails_before_anything_is_created()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => NetworkNamespace.Create());
        Assert.Contains("a network namespace", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_test_starting_a_server_fixture_fails()
    {
        await using var server = new OvsdbServerFixture();
        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await server.InitializeAsync());
        Assert.Contains("a private ovsdb-server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void An_integration_test_passes_the_tier_check() => TestTier.RequireIntegration("anything");
}

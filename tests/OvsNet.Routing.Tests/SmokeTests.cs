namespace OvsNet.Routing.Tests;

public class SmokeTests
{
    [Fact]
    public void Builds() => Assert.True(typeof(SmokeTests).Assembly.GetName().Name == "OvsNet.Routing.Tests");
}

namespace OvsNet.Vswitch.Tests;

/// <summary>One BridgeFailMode: the generated model enum is the one the operations take and return.</summary>
public sealed class BridgeFailModeTests
{
    [Fact]
    public void BridgeFailMode_is_the_one_generated_enum_the_operations_take_and_return()
    {
        var spec = new BridgeSpec { Name = "br0", FailMode = BridgeFailMode.Secure };

        Assert.Equal(typeof(Bridge).Namespace, typeof(BridgeFailMode).Namespace);
        Assert.Equal(typeof(BridgeFailMode?), typeof(BridgeSpec).GetProperty(nameof(BridgeSpec.FailMode))!.PropertyType);
        Assert.Equal(typeof(BridgeFailMode?), typeof(VswitchBridge).GetProperty(nameof(VswitchBridge.FailMode))!.PropertyType);
        Assert.Equal(BridgeFailMode.Secure, spec.FailMode);
        Assert.Single(typeof(BridgeSpec).Assembly.GetTypes(), t => t.Name == nameof(BridgeFailMode));
    }

    [Fact]
    public void Unknown_is_not_a_fail_mode_to_set()
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(
            () => VswitchValidation.CheckBridge(new BridgeSpec { Name = "br0", FailMode = BridgeFailMode.Unknown }, "spec"));
        Assert.Contains("fail mode", ex.Message, StringComparison.Ordinal);
    }
}

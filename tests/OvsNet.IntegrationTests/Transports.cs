namespace OvsNet.IntegrationTests;

/// <summary>[Theory] data: every test that takes a transport runs over the unix socket and over TCP.</summary>
public static class Transports
{
    public static TheoryData<string> All { get; } = new("unix", "tcp");
}

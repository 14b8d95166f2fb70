using OvsNet.Samples.Cluster;

// Usage: OvsNet.Samples.Cluster --remotes tcp:127.0.0.1:6641,tcp:127.0.0.1:6642,tcp:127.0.0.1:6643 [--count 1000]
// Kill the leader while it runs: every acknowledged row is there once at the end.
string? remotes = null;
int count = 1000;
for (int i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--remotes":
            remotes = args[++i];
            break;
        case "--count":
            count = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
    }
}

if (remotes is null)
{
    Console.Error.WriteLine("usage: OvsNet.Samples.Cluster --remotes tcp:HOST:PORT,tcp:HOST:PORT,... [--count N]");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
ClusterWriterResult result = await ClusterWriter.RunAsync(remotes, count, Console.Out, cancel.Token);
return result.FinalCount == count ? 0 : 1;

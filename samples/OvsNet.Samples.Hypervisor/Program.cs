using OvsNet.Samples.Hypervisor;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await HypervisorDemo.RunAsync(args, Console.Out, cts.Token).ConfigureAwait(false);

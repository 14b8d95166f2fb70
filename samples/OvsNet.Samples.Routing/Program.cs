using OvsNet.Samples.Routing;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await RoutingSample.RunAsync(args, Console.Out, cancel.Token);

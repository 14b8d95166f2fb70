using OvsNet.Samples.Monitor;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await InterfaceMonitor.RunAsync(args, Console.Out, cancel.Token);

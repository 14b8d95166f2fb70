using OvsNet.Samples.Vswitch;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await VswitchSample.RunAsync(args, Console.Out, cancel.Token);

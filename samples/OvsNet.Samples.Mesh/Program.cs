using OvsNet.Samples.Mesh;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await MeshSample.RunAsync(args, Console.Out, cts.Token).ConfigureAwait(false);

using OvsNet.Samples.Worker;

// Settings come from appsettings-style configuration: command-line arguments such as --Ovsdb:Remotes=unix:/path or
// environment variables such as Ovsdb__Remotes. Ctrl+C stops the host.
return await InterfaceWorker.RunAsync(args, Console.Out, CancellationToken.None);

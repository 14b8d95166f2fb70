using System.Runtime.CompilerServices;

// The tests inject a concurrent writer between read and commit through OvsVswitchClient.BeforeCommit.
[assembly: InternalsVisibleTo("OvsNet.Vswitch.Tests")]

using System.Runtime.CompilerServices;

// The tests check VswitchValidation's name and tunnel rules directly.
[assembly: InternalsVisibleTo("OvsNet.Vswitch.Tests")]

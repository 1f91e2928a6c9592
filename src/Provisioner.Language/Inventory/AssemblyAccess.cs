using System.Runtime.CompilerServices;

// The inventory's range and pattern parsers are internal; their tests exercise them directly.
[assembly: InternalsVisibleTo("Provisioner.Language.Tests")]

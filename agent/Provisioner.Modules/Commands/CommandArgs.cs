namespace Provisioner.Modules.Commands;

/// <summary>What command and shell run: argv, the text shown as <c>cmd</c>, skip conditions and the process setup.</summary>
internal sealed record CommandArgs(
    IReadOnlyList<string> Argv,
    object Display,
    string? Creates,
    string? Removes,
    string? Chdir,
    IReadOnlyDictionary<string, string> Environment,
    string? Stdin,
    bool StripEmptyEnds);

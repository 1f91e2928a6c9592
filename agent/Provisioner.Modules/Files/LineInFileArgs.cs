using System.Text.RegularExpressions;

namespace Provisioner.Modules.Files;

internal sealed record LineInFileArgs(
    string Path,
    string? Line,
    Regex? Regexp,
    string? SearchString,
    bool Present,
    string? InsertAfter,
    string? InsertBefore,
    bool FirstMatch,
    bool Backrefs,
    bool Create,
    bool Backup,
    Attributes Attributes,
    string? Validate);

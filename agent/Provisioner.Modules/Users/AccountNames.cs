using Provisioner.Core.Schema;

namespace Provisioner.Modules.Users;

/// <summary>What Debian's shadow-utils accept as a user or group name, checked before any tool runs.</summary>
internal static class AccountNames
{
    public static IEnumerable<ArgError> Check(string argument, string name)
    {
        var valid = name.Length is > 0 and <= 32
            && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.' || (c == '$' && name[^1] == '$'));
        return valid ? [] : [new ArgError(argument, $"'{name}' is not a valid account name (lower-case letters, digits, _ - ., at most 32 characters, starting with a letter or _)")];
    }
}

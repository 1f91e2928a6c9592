// Raised inside Scriban for an undefined variable or missing map key; derives from ScriptRuntimeException so Scriban keeps it intact.
using Scriban.Parsing;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class UndefinedPathException : ScriptRuntimeException
{
    public UndefinedPathException(SourceSpan span, string path, bool isMember)
        : base(span, isMember ? $"'{path}' is undefined (no such key)" : $"variable '{path}' is undefined")
    {
        Path = path;
        IsMember = isMember;
    }

    public string Path { get; }

    public bool IsMember { get; }
}

using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Playbooks;

/// <summary>A string of the playbook that is a template (or, for <c>when</c>-like keywords, an expression), with where it starts.</summary>
internal sealed record TemplateSite(SourceLocation Location, string Text, bool IsExpression);

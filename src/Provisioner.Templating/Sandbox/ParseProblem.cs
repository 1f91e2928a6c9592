namespace Provisioner.Templating.Sandbox;

/// <summary>A syntax error at a 1-based line and column inside the parsed text.</summary>
internal readonly record struct ParseProblem(int Line, int Column, string Message);

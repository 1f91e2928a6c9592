namespace Provisioner.Modules.Flow;

/// <summary>assert: each condition with its value, evaluated when the task is bound.</summary>
internal sealed record AssertArgs(IReadOnlyList<(string Condition, bool Holds)> Conditions, string? FailMessage, string SuccessMessage, bool Quiet);

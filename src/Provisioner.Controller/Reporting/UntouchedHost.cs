namespace Provisioner.Controller.Reporting;

/// <summary>A host a play targeted but never started, because the run stopped (max_fail_percentage, all hosts failed, cancel).</summary>
public sealed record UntouchedHost(string Host, int Play, string PlayName);

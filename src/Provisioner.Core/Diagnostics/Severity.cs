namespace Provisioner.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

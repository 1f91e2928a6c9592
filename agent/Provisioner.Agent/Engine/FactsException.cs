using Provisioner.Core.Diagnostics;

namespace Provisioner.Agent.Engine;

/// <summary>Facts could not be gathered, so no task can be evaluated: the run fails before touching the host.</summary>
public sealed class FactsException : ProvisionerException
{
    public FactsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

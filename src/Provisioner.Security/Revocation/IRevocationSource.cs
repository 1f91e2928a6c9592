namespace Provisioner.Security.Revocation;

/// <summary>Supplies the revocation list in force now (a fixed list, or a file that is re-read when it changes).</summary>
public interface IRevocationSource
{
    RevocationList Current { get; }
}

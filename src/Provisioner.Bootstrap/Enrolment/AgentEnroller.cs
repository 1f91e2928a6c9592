using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>
/// Gives a host's agent its certificate without any key leaving the host: a one-time token goes to the host on
/// stdin, <c>prov-agent enroll request</c> makes a key there and returns a CSR carrying the token, the token is
/// redeemed (bound to this host, unexpired, unused), the CA signs, and <c>enroll install</c> puts the certificate
/// and the pinned CA certificate in place. A host already holding a good certificate for its own key is left alone.
/// </summary>
internal sealed class AgentEnroller
{
    private readonly IRemoteHost _host;
    private readonly InstallLayout _layout;
    private readonly IAgentCertificateAuthority _authority;
    private readonly EnrolmentTokenStore _tokens;

    public AgentEnroller(IRemoteHost host, InstallLayout layout, IAgentCertificateAuthority authority, EnrolmentTokenStore tokens)
    {
        _host = host;
        _layout = layout;
        _authority = authority;
        _tokens = tokens;
    }

    private string Name => _host.Target.Name;

    public async Task<IReadOnlyList<StepResult>> EnsureEnrolledAsync(IReadOnlyList<IPAddress> addresses, CancellationToken ct)
    {
        var why = await WhyEnrolAsync(ct).ConfigureAwait(false);
        var enrol = why is null
            ? StepResult.Ok("enrol", "the agent's certificate is current")
            : await EnrolWithTokenAsync(_tokens.Issue(Name), addresses, why, ct).ConfigureAwait(false);
        return [enrol, await UpdateRevocationListAsync(ct).ConfigureAwait(false)];
    }

    /// <summary>Enrols with a given token (the normal path issues a fresh one); a refused token leaves no key behind.</summary>
    public async Task<StepResult> EnrolWithTokenAsync(string token, IReadOnlyList<IPAddress> addresses, string why, CancellationToken ct)
    {
        var request = await _host.RunCheckedAsync(
            new RemoteCommand([_layout.Binary, "enroll", "request", "--name", Name, "--key-out", _layout.PendingKey]) { Stdin = Encoding.UTF8.GetBytes(token + "\n") },
            ct).ConfigureAwait(false);
        string certificate;
        try
        {
            var presented = EnrolmentRequest.ReadToken(Name, request.Stdout);
            var redemption = _tokens.Redeem(presented, Name);
            if (!redemption.Accepted)
            {
                throw new EnrolmentException($"{Name}: enrolment refused: {redemption.Refusal}; nothing was signed or installed");
            }

            certificate = _authority.SignAgent(request.Stdout, Name, addresses);
        }
        catch
        {
            await _host.RunAsync(RemoteCommand.Of("rm", "-f", "--", _layout.PendingKey), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var bundle = certificate.TrimEnd() + "\n" + _authority.CaCertificatePem.TrimEnd() + "\n" + (_authority.ReadRevocationListPem()?.TrimEnd() + "\n");
        var install = await _host.RunCheckedAsync(
            new RemoteCommand([_layout.Binary, "enroll", "install", "--name", Name, "--pending-key", _layout.PendingKey, "--key", _layout.Key,
                "--cert", _layout.Certificate, "--ca", _layout.CaCertificate, "--crl", _layout.RevocationList])
            {
                Stdin = Encoding.UTF8.GetBytes(bundle),
            },
            ct).ConfigureAwait(false);
        return StepResult.Change("enrol", $"{why}: {install.Stdout.Trim()}");
    }

    /// <summary>Null when the host holds a current certificate of our CA, for itself, matching its key; else the reason to enrol.</summary>
    private async Task<string?> WhyEnrolAsync(CancellationToken ct)
    {
        var caText = await RemoteFiles.ReadTextAsync(_host, _layout.CaCertificate, ct).ConfigureAwait(false);
        var certificateText = await RemoteFiles.ReadTextAsync(_host, _layout.Certificate, ct).ConfigureAwait(false);
        if (caText is null || certificateText is null)
        {
            return "not enrolled yet";
        }

        if (!SameCertificate(caText, _authority.CaCertificatePem))
        {
            return $"the host trusts another CA ({_layout.CaCertificate}); re-enrolling with this controller's CA";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificateText);
        }
        catch (CryptographicException)
        {
            return $"{_layout.Certificate} is not a certificate";
        }

        using (certificate)
        {
            if (_authority.CheckAgent(certificate, Name) is { } problem)
            {
                return problem;
            }
        }

        var check = await _host.RunAsync(RemoteCommand.Of(_layout.Binary, "enroll", "check", "--key", _layout.Key, "--cert", _layout.Certificate), ct).ConfigureAwait(false);
        return check.Succeeded ? null : $"the host's key does not match its certificate ({check.Stderr.Trim()})";
    }

    private async Task<StepResult> UpdateRevocationListAsync(CancellationToken ct)
    {
        var crl = _authority.ReadRevocationListPem();
        if (crl is null)
        {
            return StepResult.Ok("crl", "the CA keeps no revocation list");
        }

        var text = crl.TrimEnd() + "\n";
        var sums = await RemoteFiles.ChecksumsAsync(_host, [_layout.RevocationList], ct).ConfigureAwait(false);
        if (sums.GetValueOrDefault(_layout.RevocationList) == RemoteFiles.Sha256(text))
        {
            return StepResult.Ok("crl", _layout.RevocationList);
        }

        await RemoteFiles.WriteTextAsync(_host, _layout.RevocationList, text, "0644", ct).ConfigureAwait(false);
        return StepResult.Change("crl", $"updated {_layout.RevocationList}");
    }

    private static bool SameCertificate(string a, string b)
    {
        try
        {
            using var first = X509Certificate2.CreateFromPem(a);
            using var second = X509Certificate2.CreateFromPem(b);
            return first.RawDataMemory.Span.SequenceEqual(second.RawDataMemory.Span);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

// prov-agent enroll: the host's half of enrolment. The private key is generated here and never leaves the host.
using System.Security.Cryptography;
using Provisioner.Agent.Cli;

namespace Provisioner.Agent.Enrolment;

internal static class EnrollCommand
{
    public const string Usage = """
        usage:
          prov-agent enroll request --name HOST --key-out FILE     (reads the enrolment token on stdin; prints a CSR)
          prov-agent enroll install --name HOST --pending-key FILE --key FILE --cert FILE --ca FILE [--crl FILE]
                                                                   (reads certificate, CA certificate [, CRL] as PEM on stdin)
          prov-agent enroll check --key FILE --cert FILE           (exit 0 when the key belongs to the certificate)

        request writes a new ECDSA P-256 key to --key-out (mode 0600) and prints a certificate signing request whose
        signed attributes carry the token. install checks that the certificate is for --name, signed by the CA and
        for the pending key, then puts key, certificate, CA certificate and CRL in place. Exit codes: 0 ok,
        1 refused or failed, 4 invalid command line.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var options = EnrollOptions.Parse(args, out var error);
        if (options is null)
        {
            await stderr.WriteLineAsync($"prov-agent enroll: {error}").ConfigureAwait(false);
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return AgentExitCodes.InvalidInput;
        }

        try
        {
            var output = options.Verb switch
            {
                "request" => EnrolmentRequest.Create(options.Require("name"), options.Require("key-out"), await ReadTokenAsync(stdin).ConfigureAwait(false)),
                "install" => EnrolmentInstall.Install(options, await stdin.ReadToEndAsync().ConfigureAwait(false)),
                _ => EnrolmentInstall.Check(options.Require("key"), options.Require("cert")),
            };
            await stdout.WriteAsync(output).ConfigureAwait(false);
            return AgentExitCodes.Ok;
        }
        catch (EnrolmentException ex)
        {
            await stderr.WriteLineAsync($"prov-agent enroll {options.Verb}: {ex.Message}").ConfigureAwait(false);
            return AgentExitCodes.Error;
        }
        catch (CryptographicException ex)
        {
            await stderr.WriteLineAsync($"prov-agent enroll {options.Verb}: not a usable certificate or key: {ex.Message}").ConfigureAwait(false);
            return AgentExitCodes.Error;
        }
    }

    private static async Task<string> ReadTokenAsync(TextReader stdin)
    {
        var token = (await stdin.ReadLineAsync().ConfigureAwait(false))?.Trim();
        return string.IsNullOrEmpty(token) ? throw new EnrolmentException("no enrolment token on standard input") : token;
    }
}

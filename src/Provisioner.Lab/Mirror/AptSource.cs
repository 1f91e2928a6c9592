namespace Provisioner.Lab.Mirror;

/// <summary>One repository line (or deb822 stanza) of apt's sources, with where it was read.</summary>
internal sealed record AptSource(IReadOnlyList<string> Types, string Uri, IReadOnlyList<string> Suites, IReadOnlyList<string> Components, bool Enabled, string Origin)
{
    public bool IsBinary => Types.Contains("deb");

    public bool IsHttp => Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public bool IsHttpOrHttps => IsHttp || Uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

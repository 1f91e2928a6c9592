namespace Provisioner.Lab.AptCache;

/// <summary>
/// apt-cacher-ng's configuration for a lab. Deliberately no Remap lines: the packaged configuration remaps Debian
/// requests to backend lists that cannot be reached here and answers 503; without them it proxies the URL asked for.
/// </summary>
internal static class AptCacherConfig
{
    public const int Port = 3142;
    public const string SupportDirectory = "/usr/lib/apt-cacher-ng";

    public static string Render(string cacheDirectory, string logDirectory, string bindAddress, string socketPath) =>
        $"""
        # Written by 'prov lab up'; the lab's package cache, bound to its network's gateway only.
        CacheDir: {cacheDirectory}
        LogDir: {logDirectory}
        SupportDir: {SupportDirectory}
        Port: {Port}
        BindAddress: {bindAddress}
        SocketPath: {socketPath}
        ForeGround: 1

        """;
}

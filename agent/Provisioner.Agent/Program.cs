using System.Reflection;

var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
if (args is ["--version"])
{
    Console.WriteLine(version);
    return 0;
}

await Console.Error.WriteLineAsync("usage: prov-agent --version").ConfigureAwait(false);
return 2;

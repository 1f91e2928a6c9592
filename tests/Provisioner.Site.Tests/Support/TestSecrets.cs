// Secrets for a test run: one random value for every name inventory/group_vars/all/secrets.example.yml documents.
using System.Security.Cryptography;
using Provisioner.Core.Data;
using Provisioner.Language.Yaml;

namespace Provisioner.Site.Tests.Support;

internal static class TestSecrets
{
    public static string ExampleFile => Path.Combine(Repo.InventoryDirectory, "group_vars", "all", "secrets.example.yml");

    public static IReadOnlyDictionary<string, object?> ExampleValues() =>
        YamlLoader.LoadFile(ExampleFile, "secrets.example.yml") is YMapping map
            ? YamlConvert.ToPlainMap(map)
            : throw new InvalidOperationException($"{ExampleFile} is not a mapping");

    public static IReadOnlyDictionary<string, object?> Generate()
    {
        var secrets = PlainData.NewMap();
        foreach (var name in ExampleValues().Keys)
        {
            secrets[name] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }

        return secrets;
    }
}

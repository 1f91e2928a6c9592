namespace Provisioner.Agent.Enrolment;

/// <summary>The verb and <c>--name value</c> pairs of <c>prov-agent enroll</c>.</summary>
internal sealed class EnrollOptions
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["request"] = ["name", "key-out"],
        ["install"] = ["name", "pending-key", "key", "cert", "ca", "crl"],
        ["check"] = ["key", "cert"],
    };

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["request"] = ["name", "key-out"],
        ["install"] = ["name", "pending-key", "key", "cert", "ca"],
        ["check"] = ["key", "cert"],
    };

    private readonly Dictionary<string, string> _values;

    private EnrollOptions(string verb, Dictionary<string, string> values)
    {
        Verb = verb;
        _values = values;
    }

    public string Verb { get; }

    public string Require(string name) => _values[name];

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public static EnrollOptions? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || !Allowed.TryGetValue(args[0], out var allowed))
        {
            error = args.Length == 0 ? "no verb given" : $"unknown verb '{args[0]}'";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !allowed.Contains(name))
            {
                error = $"{args[0]} does not take '{args[i]}'";
                return null;
            }

            if (i + 1 >= args.Length || string.IsNullOrEmpty(args[i + 1]))
            {
                error = $"{args[i]} needs a value";
                return null;
            }

            values[name] = args[i + 1];
        }

        var missing = Required[args[0]].Where(r => !values.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            error = $"{args[0]} needs {string.Join(", ", missing.Select(m => "--" + m))}";
            return null;
        }

        return new EnrollOptions(args[0], values);
    }
}

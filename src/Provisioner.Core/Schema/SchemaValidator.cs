// Checks a task's arguments against its module's schema; shared by the playbook validator and the agent.
using System.Globalization;
using Provisioner.Core.Data;

namespace Provisioner.Core.Schema;

/// <summary>
/// Validates an argument map against a <see cref="ModuleSchema"/> and returns every problem at once.
/// Pure: no I/O. Values that still hold a template (<c>{{ ... }}</c>) are deferred: their type and choices are
/// checked by the agent after rendering, so only their presence counts here.
/// </summary>
public static class SchemaValidator
{
    public static IReadOnlyList<ArgError> Validate(ModuleSchema schema, IReadOnlyDictionary<string, object?> args)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(args);

        var errors = new List<ArgError>();
        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        var givenAs = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (key, value) in args)
        {
            var spec = schema.Find(key);
            if (spec is null)
            {
                if (!schema.AcceptsUndeclaredArguments)
                {
                    errors.Add(new ArgError(key, UnknownMessage(schema, key)));
                }

                continue;
            }

            if (givenAs.TryGetValue(spec.Name, out var earlier))
            {
                errors.Add(new ArgError(spec.Name, $"given twice, as `{earlier}` and as `{key}`; keep one"));
                continue;
            }

            givenAs[spec.Name] = key;
            if (value is null)
            {
                continue;
            }

            given[spec.Name] = value;
            if (!IsTemplate(value))
            {
                CheckValue(spec, value, errors);
            }
        }

        foreach (var spec in schema.Arguments.Where(a => a.Required && !given.ContainsKey(a.Name)))
        {
            errors.Add(new ArgError(spec.Name, $"required by module `{schema.Name}`"));
        }

        foreach (var group in schema.MutuallyExclusive)
        {
            var present = group.Where(given.ContainsKey).ToList();
            if (present.Count > 1)
            {
                errors.Add(new ArgError(present[0], $"{Quote(present)} are mutually exclusive; give only one"));
            }
        }

        foreach (var group in schema.RequiredOneOf.Where(g => !g.Any(given.ContainsKey)))
        {
            errors.Add(new ArgError(string.Empty, $"module `{schema.Name}` needs one of {Quote(group)}"));
        }

        foreach (var rule in schema.RequiredIf)
        {
            var spec = schema.Find(rule.Argument);
            var value = given.TryGetValue(rule.Argument, out var v) ? v : spec?.Default;
            if (value is null || IsTemplate(value) || !string.Equals(ConditionText(spec, value), rule.Value, StringComparison.Ordinal))
            {
                continue;
            }

            var missing = rule.Requires.Where(r => !given.ContainsKey(r)).ToList();
            if (missing.Count > 0)
            {
                errors.Add(new ArgError(missing[0], $"{rule.Argument}={rule.Value} requires {Quote(missing)}"));
            }
        }

        return errors;
    }

    /// <summary>True when a value (or any string inside it) still holds a template expression.</summary>
    public static bool IsTemplate(object? value) => value switch
    {
        string s => s.Contains("{{", StringComparison.Ordinal) || s.Contains("{%", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The closest argument name or alias within a small edit distance, or null.</summary>
    public static string? Suggest(ModuleSchema schema, string unknown)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(unknown);
        var limit = Math.Max(1, Math.Min(3, unknown.Length / 3));
        return schema.Arguments
            .SelectMany(a => a.Aliases.Prepend(a.Name))
            .Select(name => (name, distance: EditDistance(unknown.ToLowerInvariant(), name)))
            .Where(c => c.distance <= limit)
            .OrderBy(c => c.distance)
            .Select(c => c.name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string UnknownMessage(ModuleSchema schema, string key)
    {
        var suggestion = Suggest(schema, key);
        return suggestion is null
            ? $"unknown argument for module `{schema.Name}`; it takes {Quote(schema.Arguments.Select(a => a.Name))}"
            : $"unknown argument for module `{schema.Name}`; did you mean `{suggestion}`?";
    }

    private static void CheckValue(ArgSpec spec, object value, List<ArgError> errors)
    {
        var problem = TypeProblem(spec.Type, value);
        if (problem is null && spec.Type == ArgType.List && spec.Elements is { } elementType)
        {
            problem = ListElements(value)
                .Where(e => e is not null && !IsTemplate(e))
                .Select(e => TypeProblem(elementType, e!))
                .FirstOrDefault(p => p is not null);
            problem = problem is null ? null : $"list item: {problem}";
        }

        if (problem is not null)
        {
            errors.Add(new ArgError(spec.Name, problem));
            return;
        }

        if (spec.Choices.Count == 0)
        {
            return;
        }

        var items = spec.Type == ArgType.List ? ListElements(value) : [value];
        foreach (var item in items.Where(i => i is not null && !IsTemplate(i)))
        {
            var text = ScalarText(item!);
            if (!spec.Choices.Contains(text, StringComparer.Ordinal))
            {
                errors.Add(new ArgError(spec.Name, $"`{text}` is not one of {Quote(spec.Choices)}"));
            }
        }
    }

    /// <summary>Why a value does not fit a type, or null when it fits (after the coercions authors expect).</summary>
    private static string? TypeProblem(ArgType type, object value) => type switch
    {
        ArgType.String => IsScalar(value) ? null : $"expected a string, got {Describe(value)}",
        ArgType.Path => value is string s
            ? s.Length == 0 ? "expected a path, got an empty string" : null
            : $"expected a path, got {Describe(value)}",
        ArgType.Int => value switch
        {
            long => null,
            double d when d == Math.Floor(d) => null,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => null,
            _ => $"expected an integer, got {Describe(value)}",
        },
        ArgType.Float => value switch
        {
            long or double => null,
            string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) => null,
            _ => $"expected a number, got {Describe(value)}",
        },
        ArgType.Bool => AsBool(value) is null ? $"expected a boolean (true/false, yes/no), got {Describe(value)}" : null,
        ArgType.List => value is IReadOnlyDictionary<string, object?> ? $"expected a list, got {Describe(value)}" : null,
        ArgType.Dict => value is IReadOnlyDictionary<string, object?> ? null : $"expected a mapping, got {Describe(value)}",
        ArgType.Mode => ModeProblem(value),
        _ => null,
    };

    private static string? ModeProblem(object value) => value switch
    {
        // YAML reads an unquoted 644 as a number: its digits are what the author meant, as octal.
        long l when l >= 0 && IsOctal(l.ToString(CultureInfo.InvariantCulture)) => null,
        long l => $"mode {l} is not an octal number; quote it, e.g. '0644'",
        string s when IsOctal(s) && s.Length <= 5 => null,
        string s when IsSymbolicMode(s) => null,
        string s => $"`{s}` is not a file mode; use octal ('0644') or symbolic ('u=rw,g=r,o=')",
        _ => $"expected a file mode, got {Describe(value)}",
    };

    private static bool IsOctal(string s) => s.Length > 0 && s.All(c => c is >= '0' and <= '7');

    private static bool IsSymbolicMode(string s) => s.Length > 0 && s.Split(',').All(clause =>
    {
        var op = clause.IndexOfAny(['=', '+', '-']);
        return op >= 0
            && clause[..op].All(c => c is 'u' or 'g' or 'o' or 'a')
            && clause[(op + 1)..].All(c => c is 'r' or 'w' or 'x' or 'X' or 's' or 't' or '=' or '+' or '-');
    });

    private static bool IsScalar(object value) => value is string or bool or long or double;

    private static IReadOnlyList<object?> ListElements(object value) => value switch
    {
        IReadOnlyList<object?> list => list,
        string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [value],
    };

    /// <summary>A value as a required-if condition compares it: booleans normalised, so "yes" matches "true".</summary>
    private static string ConditionText(ArgSpec? spec, object value) =>
        spec?.Type == ArgType.Bool && AsBool(value) is { } b ? (b ? "true" : "false") : ScalarText(value);

    private static bool? AsBool(object value) => value switch
    {
        bool b => b,
        long l when l is 0 or 1 => l == 1,
        string s => s.ToLowerInvariant() switch
        {
            "yes" or "true" or "on" or "1" or "y" => true,
            "no" or "false" or "off" or "0" or "n" or "" => false,
            _ => null,
        },
        _ => null,
    };

    private static string ScalarText(object value) => value switch
    {
        bool b => b ? "true" : "false",
        _ => PlainData.ToDisplayString(value),
    };

    private static string Describe(object value) => value switch
    {
        IReadOnlyDictionary<string, object?> => "a mapping",
        IReadOnlyList<object?> => "a list",
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        _ => PlainData.ToDisplayString(value),
    };

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));
}

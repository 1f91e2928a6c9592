using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Schema;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;
using Provisioner.Templating;

namespace Provisioner.Language.Playbooks;

/// <summary>State shared while one playbook and everything it pulls in are read.</summary>
internal sealed class LoadContext
{
    private readonly Dictionary<string, YNode?> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);

    public LoadContext(IModuleSchemaCatalog catalog, TemplateEngine templates, PlaybookOptions options)
    {
        Catalog = catalog;
        Templates = templates;
        Options = options;
        BaseDirectory = Path.GetFullPath(options.BaseDirectory);
        Values = new ValueReader(this);
        DefinedNames.UnionWith(options.ExtraVars.Keys);
    }

    public IModuleSchemaCatalog Catalog { get; }

    public TemplateEngine Templates { get; }

    public PlaybookOptions Options { get; }

    public string BaseDirectory { get; }

    public DiagnosticBag Diagnostics { get; } = new();

    public List<TemplateSite> TemplateSites { get; } = [];

    public HashSet<string> DefinedNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Module keys of tasks whose arguments could not be read (already reported).</summary>
    public HashSet<SourceLocation> UnreadableArgs { get; } = [];

    /// <summary>Loaded roles by the name plays refer to; null marks a role that could not be found.</summary>
    public Dictionary<string, Role?> Roles { get; } = new(StringComparer.Ordinal);

    public ValueReader Values { get; }

    public string Display(string fullPath) => Path.GetRelativePath(BaseDirectory, fullPath).Replace('\\', '/');

    public SourceLocation FileLocation(string fullPath) => new(Display(fullPath), 1, 1);

    /// <summary>Reads a YAML file once; a broken file is reported and yields null so the rest is still checked.</summary>
    public YNode? LoadYaml(string fullPath)
    {
        if (_files.TryGetValue(fullPath, out var cached))
        {
            return cached;
        }

        YNode? node = null;
        try
        {
            node = YamlLoader.LoadFile(fullPath, Display(fullPath), Options.YamlLimits);
        }
        catch (InvalidInputException ex)
        {
            _broken.Add(fullPath);
            Diagnostics.AddRange(ex.Diagnostics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _broken.Add(fullPath);
            Diagnostics.Error(FileLocation(fullPath), $"cannot read file: {ex.Message}");
        }

        _files[fullPath] = node;
        return node;
    }

    /// <summary>True when the file was read and could not be parsed (already reported).</summary>
    public bool IsBroken(string fullPath) => _broken.Contains(fullPath);

    public void AddTemplate(YScalar scalar, bool isExpression)
    {
        if (isExpression || scalar.Text.Contains("{{", StringComparison.Ordinal))
        {
            TemplateSites.Add(new TemplateSite(TextStart(scalar), scalar.Text, isExpression));
        }
    }

    /// <summary>Records every templated string inside a value (lists and mappings walked).</summary>
    public void AddTemplates(YNode? node)
    {
        switch (node)
        {
            case YScalar { Value: string } s:
                AddTemplate(s, isExpression: false);
                break;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    AddTemplates(item);
                }

                break;
            case YMapping map:
                foreach (var entry in map.Entries)
                {
                    AddTemplates(entry.Value);
                }

                break;
        }
    }

    /// <summary>
    /// Evaluates a template the controller needs before any host is contacted (<c>hosts:</c>, <c>vars_files</c>) with
    /// the play's vars and the extra vars, in the sandbox; null after reporting a failure.
    /// </summary>
    public string? RenderAtCompileTime(string text, string keyword, IReadOnlyDictionary<string, object?> vars, YNode node)
    {
        var scope = new VariableScope(engine: Templates);
        foreach (var (name, value) in vars)
        {
            scope.Set(name, value);
        }

        try
        {
            return Templates.RenderValue(text, scope) switch
            {
                string rendered => rendered,
                IReadOnlyList<object?> list => string.Join(':', list.Select(PlainData.ToDisplayString)),
                var other => PlainData.ToDisplayString(other),
            };
        }
        catch (TemplateException ex)
        {
            Diagnostics.Error(node.Location, $"'{keyword}' is evaluated before any host is contacted, with play vars and -e values only, and failed: {ex.Message}");
            return null;
        }
    }

    /// <summary>Where the text of a scalar begins: one column after the opening quote of a quoted one-line scalar.</summary>
    public static SourceLocation TextStart(YScalar scalar) =>
        scalar.Quoted && !scalar.Text.Contains('\n', StringComparison.Ordinal)
            ? scalar.Location with { Column = scalar.Location.Column + 1 }
            : scalar.Location;
}

using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Reads task lists: tasks, blocks, and task-file imports (resolved here, at load time).</summary>
internal sealed class TaskReader(LoadContext context)
{
    private readonly TaskSpecReader _tasks = new(context);

    public IReadOnlyList<TaskNode> ReadList(YNode? node, string keyword, TaskScope scope)
    {
        if (node is null || context.Values.List(keyword, node) is not { } list)
        {
            return [];
        }

        var result = new List<TaskNode>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (ReadEntry(item, scope) is { } task)
            {
                result.Add(task);
            }
        }

        return result;
    }

    private TaskNode? ReadEntry(YNode item, TaskScope scope)
    {
        if (item is not YMapping map)
        {
            context.Diagnostics.Error(item.Location, $"a task must be a mapping (a module key, name:, when: ...), not {ValueReader.Describe(item)}");
            return null;
        }

        if (map.Entries.Count == 0)
        {
            context.Diagnostics.Error(item.Location, "empty task: give it a module key such as 'command:'");
            return null;
        }

        if (map.ContainsKey("block") || map.ContainsKey("rescue") || map.ContainsKey("always"))
        {
            return ReadBlock(map, scope);
        }

        if (map.Entries.Any(e => Keywords.TaskIncludes.Contains(e.Key.Text)))
        {
            return ReadImport(map, scope);
        }

        return _tasks.Read(map, scope);
    }

    private BlockSpec? ReadBlock(YMapping map, TaskScope scope)
    {
        var common = new CommonKeywords();
        IReadOnlyList<TaskNode> block = [], rescue = [], always = [];
        foreach (var (key, value) in map.Entries)
        {
            if (common.TryRead(context.Values, key, value))
            {
                continue;
            }

            switch (key.Text)
            {
                case "block":
                    block = ReadList(value, "block", scope);
                    break;
                case "rescue":
                    rescue = ReadList(value, "rescue", scope);
                    break;
                case "always":
                    always = ReadList(value, "always", scope);
                    break;
                default:
                    ReportMisplaced(key, "a block", Keywords.Block, "put it on the tasks inside the block");
                    break;
            }
        }

        if (!map.ContainsKey("block"))
        {
            context.Diagnostics.Error(map.Location, "'rescue' and 'always' need a 'block:' in the same entry");
            return null;
        }

        return (BlockSpec)common.ApplyTo(new BlockSpec { Location = map.Location, Block = block, Rescue = rescue, Always = always }, map, scope.RoleName);
    }

    private BlockSpec? ReadImport(YMapping map, TaskScope scope)
    {
        var common = new CommonKeywords();
        YScalar? keyword = null;
        YNode? fileNode = null;
        foreach (var (key, value) in map.Entries)
        {
            if (common.TryRead(context.Values, key, value))
            {
                continue;
            }

            if (Keywords.TaskIncludes.Contains(key.Text))
            {
                if (keyword is not null)
                {
                    context.Diagnostics.Error(key.Location, $"'{key.Text}' and '{keyword.Text}' in one entry; use one per entry");
                    continue;
                }

                keyword = key;
                fileNode = value;
                continue;
            }

            if (key.Text is "loop" or "with_items" or "loop_control")
            {
                context.Diagnostics.Error(key.Location, $"'{key.Text}' on {map.Entries.First(e => Keywords.TaskIncludes.Contains(e.Key.Text)).Key.Text} is not supported yet; loop inside the task file instead");
                continue;
            }

            ReportMisplaced(key, $"'{map.Entries.First(e => Keywords.TaskIncludes.Contains(e.Key.Text)).Key.Text}'", Keywords.Import, "put it on the tasks in the file");
        }

        if (keyword is null || fileNode is null || context.Values.String(keyword.Text, fileNode, template: false) is not { } file)
        {
            return null;
        }

        if (file.Contains("{{", StringComparison.Ordinal))
        {
            context.Diagnostics.Error(fileNode.Location, $"'{keyword.Text}' with a templated file name is not supported yet; name the file literally");
            return null;
        }

        var searched = SearchDirectories(scope);
        var found = searched.Select(dir => Path.GetFullPath(Path.Combine(dir, file))).FirstOrDefault(File.Exists);
        if (found is null)
        {
            var where = string.Join(", ", searched.Select(d => context.Display(d) + "/"));
            context.Diagnostics.Error(fileNode.Location, $"task file '{file}' not found (looked in {where})");
            return null;
        }

        if (scope.FileChain.Contains(found, StringComparer.Ordinal))
        {
            var cycle = scope.FileChain.SkipWhile(f => f != found).Append(found).Select(context.Display);
            context.Diagnostics.Error(fileNode.Location, $"import cycle: {string.Join(" -> ", cycle)}");
            return null;
        }

        var root = context.LoadYaml(found);
        var inner = scope with { FileDirectory = Path.GetDirectoryName(found)!, FileChain = [.. scope.FileChain, found] };
        IReadOnlyList<TaskNode> tasks = [];
        if (root is YSequence or null)
        {
            tasks = ReadList(root, keyword.Text, inner);
        }
        else
        {
            context.Diagnostics.Error(root.Location, $"a task file must be a list of tasks, not {root.KindName}");
        }

        var node = new BlockSpec { Location = map.Location, Block = tasks, ImportedFrom = context.Display(found), ImportKeyword = keyword.Text };
        return (BlockSpec)common.ApplyTo(node, map, scope.RoleName);
    }

    /// <summary>A relative task file is looked up beside the including file, then in the role's tasks/, then beside the playbook.</summary>
    private static List<string> SearchDirectories(TaskScope scope)
    {
        var dirs = new List<string> { scope.FileDirectory };
        if (scope.RoleDirectory is not null)
        {
            dirs.Add(Path.Combine(scope.RoleDirectory, "tasks"));
        }

        dirs.Add(scope.PlaybookDirectory);
        return dirs.Distinct(StringComparer.Ordinal).ToList();
    }

    private void ReportMisplaced(YScalar key, string where, IReadOnlySet<string> allowed, string hint)
    {
        if (Keywords.UnsupportedTask.TryGetValue(key.Text, out var alternative))
        {
            context.Diagnostics.Error(key.Location, $"task keyword '{key.Text}' is not supported yet; {alternative}");
        }
        else if (Keywords.Task.Contains(key.Text))
        {
            context.Diagnostics.Error(key.Location, $"'{key.Text}' cannot be used on {where}; {hint}");
        }
        else
        {
            context.Diagnostics.Error(key.Location, $"unknown keyword '{key.Text}' on {where}{DidYouMean.Suffix(key.Text, allowed)}");
        }
    }
}

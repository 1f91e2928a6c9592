namespace Provisioner.Language.Validation;

/// <summary>The keywords each place of a playbook accepts, and Ansible keywords that are recognised but not supported yet.</summary>
internal static class Keywords
{
    public static readonly IReadOnlySet<string> Play = Set(
        "name", "hosts", "vars", "vars_files", "roles", "pre_tasks", "tasks", "post_tasks", "handlers", "become",
        "become_user", "gather_facts", "serial", "max_fail_percentage", "any_errors_fatal", "tags", "ignore_errors", "no_log");

    /// <summary>Keywords shared by tasks, blocks and imports.</summary>
    public static readonly IReadOnlySet<string> Common = Set(
        "name", "when", "tags", "vars", "become", "become_user", "ignore_errors", "no_log", "run_once", "delegate_to");

    public static readonly IReadOnlySet<string> Task = Set(
        [.. Common, "loop", "with_items", "loop_control", "register", "notify", "listen", "changed_when", "failed_when",
        "timeout", "retries", "until", "delay", "args"]);

    public static readonly IReadOnlySet<string> Block = Set([.. Common, "block", "rescue", "always"]);

    public static readonly IReadOnlySet<string> Import = Set([.. Common, "import_tasks", "include_tasks"]);

    public static readonly IReadOnlySet<string> TaskIncludes = Set("import_tasks", "include_tasks");

    public static readonly IReadOnlySet<string> RoleRef = Set("role", "name", "vars", "tags", "when", "become", "become_user");

    public static readonly IReadOnlySet<string> RoleMeta = Set("dependencies", "allow_duplicates", "galaxy_info", "argument_specs");

    public static readonly IReadOnlySet<string> LoopControl = Set("loop_var", "index_var", "label");

    /// <summary>Every keyword some task-list entry accepts: used to tell a misspelt keyword from a misspelt module.</summary>
    public static readonly IReadOnlySet<string> AnyTaskEntry = Set([.. Task, .. Block, .. Import]);

    public static readonly IReadOnlyDictionary<string, string> UnsupportedTask = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["async"] = "run the command with a timeout instead",
        ["poll"] = "run the command with a timeout instead",
        ["environment"] = "set variables in the command itself or use the module's own options",
        ["check_mode"] = "use prov's --check for the whole run",
        ["diff"] = "use prov's --diff for the whole run",
        ["throttle"] = "use the play's serial:",
        ["local_action"] = "use delegate_to",
        ["action"] = "write the module name as the task's key",
        ["delegate_facts"] = "set facts on the host itself",
        ["become_method"] = "prov's agent runs as root and switches user with become_user",
        ["become_flags"] = "prov's agent runs as root and switches user with become_user",
        ["any_errors_fatal"] = "set it on the play",
        ["connection"] = "prov always runs tasks through its agent",
        ["remote_user"] = "prov's agent runs as root and switches user with become_user",
        ["module_defaults"] = "write the arguments on each task",
        ["collections"] = "write module names as plain names or with a supported prefix",
        ["debugger"] = "read the run's events instead",
        ["include"] = "use import_tasks or include_tasks",
        ["import_role"] = "list the role under the play's roles:",
        ["include_role"] = "list the role under the play's roles:",
        ["import_playbook"] = "import_playbook is only allowed at the top level of a playbook",
    };

    public static readonly IReadOnlyDictionary<string, string> UnsupportedPlay = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["strategy"] = "plays run host-parallel with serial: batches",
        ["vars_prompt"] = "pass values with -e",
        ["connection"] = "prov always runs tasks through its agent",
        ["remote_user"] = "prov's agent runs as root and switches user with become_user",
        ["user"] = "prov's agent runs as root and switches user with become_user",
        ["become_method"] = "prov's agent runs as root and switches user with become_user",
        ["environment"] = "set variables in the command itself or use the module's own options",
        ["module_defaults"] = "write the arguments on each task",
        ["collections"] = "write module names as plain names or with a supported prefix",
        ["order"] = "hosts run in inventory order",
        ["force_handlers"] = "handlers run at the end of each play",
        ["check_mode"] = "use prov's --check for the whole run",
        ["diff"] = "use prov's --diff for the whole run",
        ["port"] = "set the agent's port in the inventory",
        ["throttle"] = "use serial:",
        ["gather_subset"] = "facts are gathered in one call; use gather_facts: false to skip them",
        ["gather_timeout"] = "facts are gathered in one call; use gather_facts: false to skip them",
        ["fact_path"] = "facts are gathered in one call; use gather_facts: false to skip them",
        ["run_once"] = "set it on tasks",
        ["timeout"] = "set it on tasks",
        ["debugger"] = "read the run's events instead",
    };

    /// <summary>Ansible's <c>with_*</c> lookups: only <c>with_items</c> is supported.</summary>
    public static bool IsUnsupportedLookupLoop(string key) => key.StartsWith("with_", StringComparison.Ordinal) && key != "with_items";

    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}

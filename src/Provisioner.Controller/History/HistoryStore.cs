using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.History;

/// <summary>
/// The run history: one SQLite file (<c>STATE_DIR/history.db</c>) with every run (who, when, what, on which hosts, how
/// it ended), every report of each run in order (what <c>prov runs show</c> replays) and each task outcome with its
/// diff, as a table to query. Everything stored has been masked before it gets here.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    public const string FileName = "history.db";

    private readonly SqliteConnection _db;
    private readonly Dictionary<string, long> _seq = new(StringComparer.Ordinal);
    private Statements? _statements;

    private HistoryStore(SqliteConnection db)
    {
        _db = db;
    }

    public static HistoryStore Open(string stateDirectory)
    {
        Files.PrivateFiles.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        var store = new HistoryStore(db);
        store.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY,
                user TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                playbook TEXT NOT NULL,
                check_mode INTEGER NOT NULL,
                diff_mode INTEGER NOT NULL,
                hosts TEXT NOT NULL,
                outcome TEXT,
                recap TEXT);
            CREATE TABLE IF NOT EXISTS events (
                run_id TEXT NOT NULL REFERENCES runs(id),
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                host TEXT,
                json TEXT NOT NULL,
                PRIMARY KEY (run_id, seq));
            CREATE TABLE IF NOT EXISTS task_results (
                run_id TEXT NOT NULL REFERENCES runs(id),
                seq INTEGER NOT NULL,
                host TEXT NOT NULL,
                play INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT,
                module TEXT NOT NULL,
                status TEXT NOT NULL,
                message TEXT NOT NULL,
                item TEXT,
                handler INTEGER NOT NULL,
                duration_ms REAL NOT NULL,
                diff TEXT,
                PRIMARY KEY (run_id, seq));
            CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at);
            PRAGMA user_version = 1;
            """);
        Files.PrivateFiles.Restrict(path);
        return store;
    }

    /// <summary>Stores one report of a run; the run's row is created by its <see cref="RunStartedReport"/> and completed by <see cref="RunFinishedReport"/>.</summary>
    public void Append(string runId, ReportEvent report)
    {
        ArgumentNullException.ThrowIfNull(report);
        AppendBatch(runId, [report]);
    }

    /// <summary>
    /// Stores reports of a run, in order, in one transaction: all of them or (when SQLite fails) none. The run's row is
    /// created by its <see cref="RunStartedReport"/> and completed by <see cref="RunFinishedReport"/>.
    /// </summary>
    public void AppendBatch(string runId, IReadOnlyList<ReportEvent> reports)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return;
        }

        var seq = _seq.GetValueOrDefault(runId);
        using (var transaction = _db.BeginTransaction())
        {
            var statements = _statements ??= new Statements(_db);
            statements.Enlist(transaction);
            foreach (var report in reports)
            {
                seq++;
                Insert(statements, runId, seq, report);
            }

            transaction.Commit();
        }

        _seq[runId] = seq;
    }

    private void Insert(Statements statements, string runId, long seq, ReportEvent report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report is RunStartedReport started)
        {
            Execute("INSERT INTO runs (id, user, started_at, playbook, check_mode, diff_mode, hosts) VALUES ($id, $user, $at, $playbook, $check, $diff, $hosts)",
                ("$id", started.RunId), ("$user", started.User), ("$at", Time(started.Time)), ("$playbook", started.Playbook),
                ("$check", started.Check), ("$diff", started.Diff), ("$hosts", JsonSerializer.Serialize(started.Hosts.ToList(), HistoryJson.Default.ListString)));
        }

        var host = report switch
        {
            TaskResultReport r => r.Host,
            TaskStartedReport s => s.Host,
            HostLogReport l => l.Host,
            HostFailedReport f => f.Host,
            HostUnreachableReport u => u.Host,
            FactsReport f => f.Host,
            HostRunCompletedReport c => c.Host,
            _ => null,
        };
        var json = JsonLinesReporter.Serialize(report);
        Statements.Run(statements.Event, runId, seq, TypeOf(json), host, json);

        switch (report)
        {
            case TaskResultReport r:
                Statements.Run(statements.TaskResult, runId, seq, r.Host, r.Play, r.TaskId, r.Name, r.Role, r.Module, r.Status, r.Message, r.Item, r.Handler,
                    r.DurationMs, r.Diff.Count == 0 ? null : JsonSerializer.Serialize(r.Diff.ToList(), HistoryJson.Default.ListDiffEntry));
                break;
            case RunFinishedReport f:
                Execute("UPDATE runs SET finished_at = $at, outcome = $outcome, recap = $recap WHERE id = $id",
                    ("$id", runId), ("$at", Time(f.Time)), ("$outcome", f.Outcome), ("$recap", JsonSerializer.Serialize(f.Recap.ToList(), HistoryJson.Default.ListHostRecap)));
                break;
        }
    }

    /// <summary>The most recent runs first.</summary>
    public IReadOnlyList<RunListEntry> ListRuns(int limit)
    {
        using var command = Command("SELECT id, user, started_at, finished_at, playbook, check_mode, diff_mode, hosts, outcome, recap FROM runs ORDER BY started_at DESC, id DESC LIMIT $limit", ("$limit", limit));
        return ReadRuns(command);
    }

    /// <summary>The run with this id, or the one run whose id starts with it; null when none. Throws when a prefix is ambiguous.</summary>
    public RunListEntry? FindRun(string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        using var command = Command("SELECT id, user, started_at, finished_at, playbook, check_mode, diff_mode, hosts, outcome, recap FROM runs WHERE id = $id OR substr(id, 1, length($id)) = $id ORDER BY id LIMIT 3", ("$id", idOrPrefix));
        var runs = ReadRuns(command);
        return runs.FirstOrDefault(r => r.Id == idOrPrefix) ?? runs.Count switch
        {
            0 => null,
            1 => runs[0],
            _ => throw new InvalidOperationException($"'{idOrPrefix}' matches several runs ({string.Join(", ", runs.Select(r => r.Id))}...); give more of the id"),
        };
    }

    /// <summary>Every report of the run, in order: replaying them through a reporter shows the run as it was shown.</summary>
    public IReadOnlyList<ReportEvent> Events(string runId)
    {
        using var command = Command("SELECT json FROM events WHERE run_id = $run ORDER BY seq", ("$run", runId));
        using var reader = command.ExecuteReader();
        var events = new List<ReportEvent>();
        while (reader.Read())
        {
            events.Add(JsonLinesReporter.Deserialize(reader.GetString(0)));
        }

        return events;
    }

    public IReadOnlyList<TaskOutcomeRecord> TaskOutcomes(string runId)
    {
        using var command = Command("""
            SELECT host, play, task_id, name, status, role, module, message, item, handler, duration_ms, diff
            FROM task_results WHERE run_id = $run ORDER BY seq
            """, ("$run", runId));
        using var reader = command.ExecuteReader();
        var results = new List<TaskOutcomeRecord>();
        while (reader.Read())
        {
            results.Add(new TaskOutcomeRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            {
                Role = reader.IsDBNull(5) ? null : reader.GetString(5),
                Module = reader.GetString(6),
                Message = reader.GetString(7),
                Item = reader.IsDBNull(8) ? null : reader.GetString(8),
                Handler = reader.GetInt64(9) != 0,
                DurationMs = reader.GetDouble(10),
                Diff = reader.IsDBNull(11) ? [] : JsonSerializer.Deserialize(reader.GetString(11), HistoryJson.Default.ListDiffEntry) ?? [],
            });
        }

        return results;
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _db.Dispose();
    }

    private static List<RunListEntry> ReadRuns(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var runs = new List<RunListEntry>();
        while (reader.Read())
        {
            runs.Add(new RunListEntry(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)), reader.GetString(4))
            {
                FinishedAt = reader.IsDBNull(3) ? null : ParseTime(reader.GetString(3)),
                Check = reader.GetInt64(5) != 0,
                Diff = reader.GetInt64(6) != 0,
                Hosts = JsonSerializer.Deserialize(reader.GetString(7), HistoryJson.Default.ListString) ?? [],
                Outcome = reader.IsDBNull(8) ? null : reader.GetString(8),
                Recap = reader.IsDBNull(9) ? [] : JsonSerializer.Deserialize(reader.GetString(9), HistoryJson.Default.ListHostRecap) ?? [],
            });
        }

        return runs;
    }

    /// <summary>The value of the report's <c>type</c> discriminator, which the serializer writes first.</summary>
    private static string TypeOf(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.GetString() ?? string.Empty;
            }

            if (reader.CurrentDepth >= 1)
            {
                reader.Skip();
            }
        }

        return string.Empty;
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>The inserts done for (nearly) every report, prepared once and reused with new parameter values.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection db)
        {
            Event = Prepare(db, "INSERT INTO events (run_id, seq, type, host, json) VALUES ($p0, $p1, $p2, $p3, $p4)", 5);
            TaskResult = Prepare(db, """
                INSERT INTO task_results (run_id, seq, host, play, task_id, name, role, module, status, message, item, handler, duration_ms, diff)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13)
                """, 14);
        }

        public SqliteCommand Event { get; }

        public SqliteCommand TaskResult { get; }

        public static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        public void Enlist(SqliteTransaction transaction)
        {
            Event.Transaction = transaction;
            TaskResult.Transaction = transaction;
        }

        public void Dispose()
        {
            Event.Dispose();
            TaskResult.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection db, string sql, int parameters)
        {
            var command = db.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}

using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Provisioner.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Provisioner.Language.Yaml;

/// <summary>
/// Reads one YAML document into positioned nodes with YamlDotNet's event parser (no reflection).
/// Every failure is an <see cref="InvalidInputException"/> naming path:line:col.
/// </summary>
public static class YamlLoader
{
    /// <summary>Loads a file; <paramref name="displayPath"/> is what messages show (relative to the working directory).</summary>
    public static YNode? LoadFile(string path, string displayPath, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Fail(displayPath, 0, 0, "file not found");
        }

        if (info.Length > limits.MaxFileBytes)
        {
            throw Fail(displayPath, 1, 1, $"file is {info.Length / (1024.0 * 1024):0.0} MiB; YAML files are limited to {limits.MaxFileBytes / (1024 * 1024)} MiB");
        }

        return LoadBytes(File.ReadAllBytes(path), displayPath, limits);
    }

    public static YNode? LoadText(string text, string displayPath, YamlLimits? limits = null) =>
        Parse(text, displayPath, limits ?? YamlLimits.Default);

    public static YNode? LoadBytes(ReadOnlySpan<byte> bytes, string displayPath, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (bytes.Length > limits.MaxFileBytes)
        {
            throw Fail(displayPath, 1, 1, $"input is {bytes.Length / (1024.0 * 1024):0.0} MiB; YAML files are limited to {limits.MaxFileBytes / (1024 * 1024)} MiB");
        }

        return Parse(DecodeUtf8(bytes, displayPath), displayPath, limits);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < read; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            throw Fail(displayPath, line, read - lineStart + 1, $"invalid UTF-8 (byte 0x{bytes[read]:X2} at offset {read}); save the file as UTF-8");
        }

        return new string(chars, 0, written);
    }

    private static YNode? Parse(string text, string displayPath, YamlLimits limits)
    {
        var builder = new Builder(displayPath, limits);
        try
        {
            return builder.Build(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            if (message.Contains("tab", StringComparison.Ordinal) && FirstIndentTab(text) is var (line, column))
            {
                throw Fail(displayPath, line, column, $"YAML syntax: {Clean(message)} Indent with spaces.");
            }

            throw Fail(displayPath, (int)ex.Start.Line, (int)ex.Start.Column, $"YAML syntax: {Clean(message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow collections.
            throw Fail(displayPath, builder.LastLine, builder.LastColumn, "YAML syntax: malformed document after this point (an unclosed bracket, brace or quote?)");
        }
    }

    // YamlDotNet reports a tab in indentation at the start of the enclosing mapping; point at the tab itself.
    private static (int Line, int Column)? FirstIndentTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we print our own position.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }

    internal static InvalidInputException Fail(string path, int line, int column, string message) =>
        new([Diagnostic.Error(new SourceLocation(path, line, column), message)]);

    private sealed class Builder(string path, YamlLimits limits)
    {
        private readonly Dictionary<string, (YNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private long _expanded;
        private int _depth;

        /// <summary>Start of the last event read, for errors the parser reports without a position.</summary>
        public int LastLine { get; private set; } = 1;

        public int LastColumn { get; private set; } = 1;

        public YNode? Build(IParser parser)
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var (root, _) = ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw Fail(path, (int)second.Start.Line, (int)second.Start.Column, "only one YAML document per file is supported");
            }

            parser.Consume<StreamEnd>();
            return root;
        }

        private SourceLocation At(ParsingEvent e) => new(path, (int)e.Start.Line, (int)e.Start.Column);

        private (YNode Node, long Size) ReadNode(IParser parser)
        {
            if (parser.Current is { } current)
            {
                (LastLine, LastColumn) = ((int)current.Start.Line, (int)current.Start.Column);
            }

            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Fail(path, (int)alias.Start.Line, (int)alias.Start.Column, $"alias *{alias.Value} refers to no anchor");
                }

                Count(target.Size, alias);
                return target;
            }

            (YNode Node, long Size) result;
            var start = parser.Current!;
            switch (start)
            {
                case Scalar s:
                    parser.MoveNext();
                    var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                    result = (new YScalar(At(s), s.Value, quoted, s.Tag.IsEmpty ? null : s.Tag.Value), 1);
                    Count(1, s);
                    break;
                case SequenceStart seq:
                    parser.MoveNext();
                    Enter(seq);
                    var items = new List<YNode>();
                    long size = 1;
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        var (item, itemSize) = ReadNode(parser);
                        items.Add(item);
                        size += itemSize;
                    }

                    _depth--;
                    Count(1, seq);
                    result = (new YSequence(At(seq), items), size);
                    break;
                case MappingStart map:
                    parser.MoveNext();
                    Enter(map);
                    result = ReadMapping(parser, map);
                    _depth--;
                    break;
                default:
                    throw Fail(path, (int)start.Start.Line, (int)start.Start.Column, $"unexpected YAML event {start.GetType().Name}");
            }

            var anchor = start switch
            {
                NodeEvent n when !n.Anchor.IsEmpty => n.Anchor.Value,
                _ => null,
            };
            if (anchor is not null)
            {
                _anchors[anchor] = result;
            }

            return result;
        }

        private (YNode Node, long Size) ReadMapping(IParser parser, MappingStart map)
        {
            var entries = new List<KeyValuePair<YScalar, YNode>>();
            var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
            var merged = new List<YMapping>();
            long size = 1;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var (keyNode, _) = ReadNode(parser);
                if (keyNode is not YScalar key)
                {
                    throw Fail(path, (int)keyEvent.Start.Line, (int)keyEvent.Start.Column, "mapping keys must be plain strings, not " + keyNode.KindName);
                }

                var (value, valueSize) = ReadNode(parser);
                size += valueSize + 1;
                if (key.Text == "<<" && !key.Quoted)
                {
                    merged.AddRange(MergeSources(value));
                    continue;
                }

                if (seen.TryGetValue(key.Text, out var first))
                {
                    throw Fail(path, key.Location.Line, key.Location.Column, $"duplicate key '{key.Text}' (first defined at line {first.Location.Line})");
                }

                seen[key.Text] = key;
                entries.Add(new(key, value));
            }

            foreach (var source in merged)
            {
                foreach (var entry in source.Entries.Where(e => !seen.ContainsKey(e.Key.Text)))
                {
                    seen[entry.Key.Text] = entry.Key;
                    entries.Add(entry);
                }
            }

            Count(1, map);
            return (new YMapping(At(map), entries), size);
        }

        private IEnumerable<YMapping> MergeSources(YNode value) => value switch
        {
            YMapping m => [m],
            YSequence s when s.Items.All(i => i is YMapping) => s.Items.Cast<YMapping>(),
            _ => throw Fail(path, value.Location.Line, value.Location.Column, "merge key '<<' needs a mapping or a list of mappings"),
        };

        private void Enter(ParsingEvent e)
        {
            if (++_depth > limits.MaxDepth)
            {
                throw Fail(path, (int)e.Start.Line, (int)e.Start.Column, $"nesting deeper than {limits.MaxDepth} levels");
            }
        }

        private void Count(long nodes, ParsingEvent e)
        {
            _expanded += nodes;
            if (_expanded > limits.MaxExpandedNodes)
            {
                throw Fail(path, (int)e.Start.Line, (int)e.Start.Column, $"document expands to more than {limits.MaxExpandedNodes:N0} nodes (alias bomb?)");
            }
        }
    }
}

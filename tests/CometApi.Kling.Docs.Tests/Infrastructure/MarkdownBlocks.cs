using System.Reflection;
using System.Text.RegularExpressions;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// Finds the C# blocks of <c>README.md</c> and <c>docs/*.md</c>, read from the repository when the tests run. A block is
/// run unless the line above its fence (blank lines aside) is a marker, which readers of the rendered page never see:
/// <c>&lt;!-- snippet: compile-only: why --&gt;</c> or <c>&lt;!-- snippet: skip: why --&gt;</c>.
/// </summary>
internal static partial class MarkdownBlocks
{
    private static readonly Lazy<IReadOnlyList<DocBlock>> Blocks = new(ReadAll);

    /// <summary>The repository this test was built from (the markdown is read from there, not copied).</summary>
    public static string RepositoryRoot { get; } =
        typeof(MarkdownBlocks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Every C# block, in file order (README first, then docs/ by name).</summary>
    public static IReadOnlyList<DocBlock> All => Blocks.Value;

    public static DocBlock Find(string id) => All.Single(block => block.Id == id);

    /// <summary>The markdown files whose blocks are checked, relative to the repository root.</summary>
    public static IEnumerable<string> Files() =>
        Enumerable.Repeat("README.md", 1).Concat(
            Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md")
                .Select(path => "docs/" + Path.GetFileName(path))
                .Order(StringComparer.Ordinal));

    /// <summary>Reads one markdown text; <paramref name="file"/> only names the blocks.</summary>
    public static IEnumerable<DocBlock> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var markers = new Dictionary<int, (DocBlockMode Mode, string Reason)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("<!-- snippet", StringComparison.Ordinal))
            {
                continue;
            }

            var marker = Marker().Match(lines[i]);
            if (!marker.Success)
            {
                throw new FormatException($"{file}:{i + 1}: unreadable marker '{lines[i].Trim()}'; write <!-- snippet: compile-only: why --> or <!-- snippet: skip: why -->");
            }

            markers[i] = (marker.Groups["mode"].Value == "skip" ? DocBlockMode.Skip : DocBlockMode.CompileOnly, marker.Groups["reason"].Value);
        }

        var blocks = new List<DocBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !ClosingFence().IsMatch(lines[end]))
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: the code fence is never closed");
            }

            if (open.Groups["lang"].Value.ToLowerInvariant() is "csharp" or "cs" or "c#")
            {
                var markerLine = i - 1;
                while (markerLine >= 0 && lines[markerLine].Trim().Length == 0)
                {
                    markerLine--;
                }

                var (mode, reason) = markers.Remove(markerLine, out var found) ? found : (DocBlockMode.Run, (string?)null);
                var indent = open.Groups["indent"].Value.Length;
                var code = string.Join('\n', lines[(i + 1)..end].Select(line => line.Length >= indent && line[..indent].Trim().Length == 0 ? line[indent..] : line.TrimStart()));
                blocks.Add(new DocBlock(file, i + 1, code, mode, reason));
            }

            i = end;
        }

        if (markers.Count > 0)
        {
            var line = markers.Keys.Min() + 1;
            throw new FormatException($"{file}:{line}: a snippet marker must stand right above a ```csharp fence");
        }

        return blocks;
    }

    private static List<DocBlock> ReadAll() =>
        Files().SelectMany(file => Parse(file, File.ReadAllText(Path.Combine(RepositoryRoot, file)))).ToList();

    [GeneratedRegex(@"^(?<indent>\s*)```(?<lang>[A-Za-z#+-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*```\s*$")]
    private static partial Regex ClosingFence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<mode>compile-only|skip)\s*:\s*(?<reason>\S.*?)\s*-->\s*$")]
    private static partial Regex Marker();
}

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>One <c>```csharp</c> block of the README or <c>docs/*.md</c>.</summary>
/// <param name="File">The markdown file, relative to the repository root with '/' (e.g. <c>docs/waiting.md</c>).</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Code">The block's text, its indentation (inside a list item) removed.</param>
/// <param name="Mode">What the test does with it (the marker above the fence; running by default).</param>
/// <param name="Reason">Why it is not run, from its marker.</param>
internal sealed record DocBlock(string File, int Line, string Code, DocBlockMode Mode, string? Reason)
{
    /// <summary>The block's name in test names and messages: <c>file:line</c> of its opening fence.</summary>
    public string Id => $"{File}:{Line}";

    /// <summary>The markdown line of the block's first line of code.</summary>
    public int FirstCodeLine => Line + 1;
}

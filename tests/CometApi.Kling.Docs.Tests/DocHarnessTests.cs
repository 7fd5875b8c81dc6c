using CometApi.Kling.Docs.Tests.Infrastructure;

namespace CometApi.Kling.Docs.Tests;

/// <summary>How blocks are found, marked, wrapped and reported: what a doc writer relies on.</summary>
public sealed class DocHarnessTests
{
    [Fact]
    public void Blocks_are_found_in_the_readme_and_every_doc_with_their_fence_line()
    {
        var files = MarkdownBlocks.All.Select(block => block.File).Distinct().ToList();

        Assert.Contains("README.md", files);
        Assert.Contains("docs/emulator.md", files);
        Assert.All(MarkdownBlocks.All, block => Assert.StartsWith("```", File.ReadLines(Path.Combine(MarkdownBlocks.RepositoryRoot, block.File)).ElementAt(block.Line - 1).TrimStart(), StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_reads_csharp_and_cs_fences_strips_list_indentation_and_ignores_other_languages()
    {
        const string Markdown = "# T\n\n```bash\nkling emulator\n```\n\n```csharp\nvar a = 1;\n```\n\n1. Step:\n\n   ```cs\n   var b = 2;\n       b++;\n   ```\n";

        var blocks = MarkdownBlocks.Parse("docs/t.md", Markdown).ToList();

        Assert.Equal(2, blocks.Count);
        Assert.Equal(("docs/t.md:7", "var a = 1;", DocBlockMode.Run), (blocks[0].Id, blocks[0].Code, blocks[0].Mode));
        Assert.Equal(("docs/t.md:13", "var b = 2;\n    b++;"), (blocks[1].Id, blocks[1].Code));
    }

    [Theory]
    [InlineData("<!-- snippet: compile-only: needs a live request -->", "CompileOnly", "needs a live request")]
    [InlineData("<!-- snippet: skip: a diff, not a program -->", "Skip", "a diff, not a program")]
    public void A_marker_above_the_fence_blank_lines_aside_sets_the_mode_and_reason(string marker, string mode, string reason)
    {
        var block = Assert.Single(MarkdownBlocks.Parse("README.md", $"{marker}\n\n```csharp\nvar a = 1;\n```\n"));

        Assert.Equal((mode, reason), (block.Mode.ToString(), block.Reason));
    }

    [Theory]
    [InlineData("<!-- snippet: compile-only -->\n```csharp\nvar a = 1;\n```\n", "README.md:1: unreadable marker")]
    [InlineData("<!-- snippet: ignore: why -->\n```csharp\nvar a = 1;\n```\n", "README.md:1: unreadable marker")]
    [InlineData("<!-- snippet: skip: why -->\n\nSome prose.\n\n```csharp\nvar a = 1;\n```\n", "README.md:1: a snippet marker must stand right above")]
    [InlineData("```csharp\nvar a = 1;\n", "README.md:1: the code fence is never closed")]
    public void A_malformed_marker_or_fence_fails_naming_its_line(string markdown, string message)
    {
        var error = Assert.Throws<FormatException>(() => MarkdownBlocks.Parse("README.md", markdown).ToList());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_name_fails_with_the_markdown_file_line_and_the_compiler_error()
    {
        var block = new DocBlock("docs/example.md", 40, "TaskResponse created = await client.CreateImageToVideoAsync(request);\nvar id = created.Data.TaskIdentifier;", DocBlockMode.Run, null);

        var compiled = DocCompiler.Compile(block);

        var error = Assert.Single(compiled.Errors);
        Assert.Equal("CS1061", error.Id);
        Assert.StartsWith("docs/example.md(42,23): error CS1061: 'TaskData' does not contain a definition for 'TaskIdentifier'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["client", "request"], compiled.Ambient);
    }

    [Fact]
    public void A_name_the_block_declares_itself_is_not_given_and_an_IDE_using_is_added_only_when_needed()
    {
        var own = DocCompiler.Compile(new DocBlock("README.md", 1, "var client = new KlingClient(new KlingClientOptions { ApiKey = \"sk-1\" });\nConsole.WriteLine(client);", DocBlockMode.Run, null));
        var generator = DocCompiler.Compile(new DocBlock("README.md", 1, "IImageGenerator g = client.AsIImageGenerator();", DocBlockMode.Run, null));

        Assert.True(own.Errors.IsEmpty, own.ErrorList);
        Assert.Empty(own.Ambient);
        Assert.Empty(own.AddedUsings);
        Assert.True(generator.Errors.IsEmpty, generator.ErrorList);
        Assert.Equal(["Microsoft.Extensions.AI"], generator.AddedUsings);
    }
}

using CometApi.Kling.Docs.Tests.Infrastructure;

namespace CometApi.Kling.Docs.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md, compiled as a reader's program against the SDK built from this repo and,
/// unless its marker says otherwise, run against the emulator. One test per block, named <c>file:line</c> of its fence;
/// a failure lists the compiler's errors at their markdown lines (a renamed API leaves no stale doc behind).
/// </summary>
public sealed class DocBlockTests(DocsFixture fixture) : IClassFixture<DocsFixture>
{
    // A liveness bound, not a timing goal: a block takes well under a second on the accelerated clock.
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(60);

    public static IEnumerable<TheoryDataRow<string>> Blocks() =>
        MarkdownBlocks.All.Select(block => new TheoryDataRow<string>(block.Id)
        {
            TestDisplayName = block.Mode == DocBlockMode.CompileOnly ? $"{block.Id} (compile only: {block.Reason})" : block.Id,
            Skip = block.Mode == DocBlockMode.Skip ? $"{block.Id}: {block.Reason}" : null,
        });

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Doc_block_compiles_and_runs_against_the_emulator(string id)
    {
        var block = MarkdownBlocks.Find(id);
        var compiled = DocCompiler.Compile(block);
        Assert.True(
            compiled.Errors.IsEmpty,
            $"{block.Id}: the ```csharp block does not compile ({compiled.Wrapping}):\n{compiled.ErrorList}\n"
            + "Fix the block (a renamed API?), or, for a deliberate fragment, mark it: <!-- snippet: compile-only: why --> runs nothing.");
        if (block.Mode != DocBlockMode.Run)
        {
            return;
        }

        try
        {
            await DocRunner.RunAsync(compiled, fixture, RunBound);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.IAssertionException)
        {
            Assert.Fail(
                $"{block.Id}: the ```csharp block compiles but fails when run against the emulator, at {DocRunner.BlockLines(ex, block)} "
                + $"({compiled.Wrapping}):\n{ex}");
        }
    }
}

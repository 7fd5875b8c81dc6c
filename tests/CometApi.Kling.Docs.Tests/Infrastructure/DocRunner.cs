using System.Reflection;
using System.Runtime.Loader;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// Runs a compiled block as its program would run: in a fresh working folder holding the files the docs name
/// (<c>cat.png</c>, <c>speech.mp3</c>, ...), with its console output captured, under a bound.
/// </summary>
internal static class DocRunner
{
    /// <summary>The files a reader of the docs has beside the program: the repo's sample image and the emulator's audio.</summary>
    private static readonly (string Name, string Source)[] InputFiles =
    [
        ("cat.png", "samples/assets/sample-image.png"),
        ("dog.png", "samples/assets/sample-image.png"),
        ("face.png", "samples/assets/sample-image.png"),
        ("photo.png", "samples/assets/sample-image.png"),
        ("hello.mp3", "src/CometApi.Kling.Testing/Resources/emulator-audio.mp3"),
        ("speech.mp3", "src/CometApi.Kling.Testing/Resources/emulator-audio.mp3"),
        ("speech.wav", "src/CometApi.Kling.Testing/Resources/emulator-audio.wav"),
    ];

    /// <summary>Where in the markdown the exception passed through the block (<c>file:line</c>, innermost first).</summary>
    public static string BlockLines(Exception exception, DocBlock block)
    {
        var lines = new System.Diagnostics.StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(frame => frame.GetFileName() == block.File)
            .Select(frame => FormattableString.Invariant($"{block.File}:{frame.GetFileLineNumber()}"))
            .Distinct()
            .ToList();
        return lines.Count == 0 ? block.Id : string.Join(", ", lines);
    }

    /// <summary>Runs the block; returns what it printed, or throws what it threw (stack frames name the markdown lines).</summary>
    public static async Task<string> RunAsync(DocCompilation compiled, DocsFixture fixture, TimeSpan bound)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(compiled.Assembly!), new MemoryStream(compiled.Symbols!));
        var main = assembly.GetType("Program", throwOnError: true)!.GetMethod("<Main>$", BindingFlags.Static | BindingFlags.NonPublic)!;
        var folder = Directory.CreateTempSubdirectory("kling-docs-");
        foreach (var (name, source) in InputFiles)
        {
            File.Copy(Path.Combine(MarkdownBlocks.RepositoryRoot, source), Path.Combine(folder.FullName, name));
        }

        var savedDirectory = Environment.CurrentDirectory;
        var savedOut = Console.Out;
        using var output = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(bound);
        var ambient = new DocAmbient(fixture, timeout.Token);
        try
        {
            Environment.CurrentDirectory = folder.FullName;
            Console.SetOut(output);
            DocAmbient.Current = ambient;
            var running = Task.Run(async () =>
            {
                try
                {
                    if (main.Invoke(null, [Array.Empty<string>()]) is Task task)
                    {
                        await task;
                    }
                }
                catch (TargetInvocationException ex) when (ex.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                }
            });
            await running.WaitAsync(bound, TestContext.Current.CancellationToken);
            return output.ToString();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"still running after {bound.TotalSeconds} s; it printed:\n{output}");
        }
        finally
        {
            Console.SetOut(savedOut);
            Environment.CurrentDirectory = savedDirectory;
            await ambient.DisposeAsync();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file the block left open; the OS cleans the temp folder.
            }
        }
    }
}

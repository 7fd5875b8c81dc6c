using System.Text.RegularExpressions;

namespace CometApi.Kling.Tests.Documentation;

/// <summary>
/// Pins how the README creates the client. <c>new KlingClient(new HttpClient(), ...)</c> would bring a 100 s
/// <see cref="HttpClient.Timeout"/> under the 120 s create attempt timeout and a handler that follows redirects;
/// <c>new KlingClient(options)</c> uses the SDK's shared, correctly configured client.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void The_quick_start_snippet_uses_the_constructor_with_the_SDKs_own_HttpClient()
    {
        var readme = Readme();
        var (heading, code) = CSharpBlocks(readme).First();

        Assert.Equal("Quick start", heading);
        Assert.Contains("new KlingClient(new KlingClientOptions", code, StringComparison.Ordinal);
        Assert.DoesNotContain("new HttpClient(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void No_snippet_hands_the_client_an_HttpClient_of_its_own()
    {
        var blocks = CSharpBlocks(Readme()).ToArray();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.DoesNotMatch(ClientWithHttpClient(), block.Code));
    }

    /// <summary>Every <c>```csharp</c> block, in order, with the <c>##</c> heading it stands under.</summary>
    private static IEnumerable<(string Heading, string Code)> CSharpBlocks(string readme)
    {
        var heading = string.Empty;
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                heading = lines[i][3..].Trim();
            }
            else if (lines[i].Trim() == "```csharp")
            {
                var end = Array.FindIndex(lines, i + 1, line => line.Trim() == "```");
                Assert.True(end > i, $"The ```csharp block at line {i + 1} of README.md is not closed.");
                yield return (heading, string.Join('\n', lines[(i + 1)..end]));
                i = end;
            }
        }
    }

    private static string Readme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CometApi.Kling.sln")))
            {
                return File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
            }
        }

        throw new InvalidOperationException("The repository root (with CometApi.Kling.sln) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary><c>new KlingClient(</c> followed by a new <c>HttpClient</c> or a variable holding one.</summary>
    [GeneratedRegex(@"new\s+KlingClient\(\s*(new\s+HttpClient|httpClient)", RegexOptions.IgnoreCase)]
    private static partial Regex ClientWithHttpClient();
}

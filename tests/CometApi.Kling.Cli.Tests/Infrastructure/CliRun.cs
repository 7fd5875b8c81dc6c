using System.Text.Json;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>What one run of <c>kling</c> produced.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Parses stdout as the single JSON document <c>--json</c> promises (fails if there is anything else).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

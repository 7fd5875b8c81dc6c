using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

public sealed class EmulatorCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Emulator_serves_other_commands_until_Ctrl_C_and_then_exits_0()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var stderr = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(["emulator", "--port", "0", "--json"], KlingRunner.Environment(stdout, stderr), ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().TrimEnd().EndsWith('}') || emulator.IsCompleted);
        Assert.False(emulator.IsCompleted, stderr.ToString());

        var info = new CliRun(0, stdout.ToString(), string.Empty).Json();
        var baseAddress = info.GetProperty("base_address").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", baseAddress, StringComparison.Ordinal);
        Assert.Equal(KlingEmulator.DefaultApiKey, info.GetProperty("api_key").GetString());

        var output = _directory.File("from-server.mp4");
        var run = await KlingRunner.RunAsync(
            "image2video", "--image", KlingRunner.SampleImage, "--prompt", "hi", "-o", output, "--base-address", baseAddress, "--api-key", KlingEmulator.DefaultApiKey);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(output));

        await ctrlC.CancelAsync();
        Assert.Equal(0, await emulator);
        Assert.Contains("Emulator stopped.", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_prints_its_address_and_key_in_plain_text()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(["emulator"], KlingRunner.Environment(stdout, new ConcurrentStringWriter()), ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().Contains("Try:", StringComparison.Ordinal) || emulator.IsCompleted);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await emulator);
        Assert.Matches(@"Kling emulator listening on http://127\.0\.0\.1:\d+/", stdout.ToString());
        Assert.Contains($"API key: {KlingEmulator.DefaultApiKey}", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_with_host_official_serves_v1_routes_and_prints_the_access_and_secret_keys()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(["emulator", "--host", "official"], KlingRunner.Environment(stdout, new ConcurrentStringWriter()), ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().Contains("Try:", StringComparison.Ordinal) || emulator.IsCompleted);
        var text = stdout.ToString();
        var baseAddress = System.Text.RegularExpressions.Regex.Match(text, @"listening on (http://127\.0\.0\.1:\d+/)").Groups[1].Value;

        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KlingEmulator.DefaultApiKey);
        using var official = await http.GetAsync(new Uri("v1/videos/text2video", UriKind.Relative), TestContext.Current.CancellationToken);
        using var comet = await http.GetAsync(new Uri("kling/v1/videos/text2video", UriKind.Relative), TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await emulator);
        Assert.Contains("official host", text, StringComparison.Ordinal);
        Assert.Contains($"API key: {KlingEmulator.DefaultApiKey}", text, StringComparison.Ordinal);
        Assert.Contains($"Access key: {KlingEmulator.DefaultAccessKey}", text, StringComparison.Ordinal);
        Assert.Contains($"Secret key: {KlingEmulator.DefaultSecretKey}", text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, official.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, comet.StatusCode);
    }

    [Fact]
    public async Task Emulator_with_host_official_describes_the_connection_in_json()
    {
        using var ctrlC = new CancellationTokenSource();
        var stdout = new ConcurrentStringWriter();
        var emulator = KlingCli.RunAsync(
            ["emulator", "--host", "official", "--json", "--succeeded", "--webhook-secret", "whsec_dGVzdA==", "--webhook-secret", "whsec_dGVzdDI="],
            KlingRunner.Environment(stdout, new ConcurrentStringWriter()),
            ctrlC.Token);
        await Poll.UntilAsync(() => stdout.ToString().TrimEnd().EndsWith('}') || emulator.IsCompleted);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await emulator);
        var info = new CliRun(0, stdout.ToString(), string.Empty).Json();
        Assert.StartsWith("http://127.0.0.1:", info.GetProperty("base_address").GetString(), StringComparison.Ordinal);
        Assert.Equal(KlingEmulator.DefaultApiKey, info.GetProperty("api_key").GetString());
        Assert.Equal("official", info.GetProperty("host").GetString());
        Assert.Equal("v1/", info.GetProperty("route_prefix").GetString());
        Assert.Equal(KlingEmulator.DefaultAccessKey, info.GetProperty("access_key").GetString());
        Assert.Equal(KlingEmulator.DefaultSecretKey, info.GetProperty("secret_key").GetString());
        Assert.Equal("succeeded", info.GetProperty("status_spelling").GetString());
        Assert.Equal(2, info.GetProperty("webhook_secrets").GetInt32());
        Assert.DoesNotContain("whsec_", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_refuses_a_malformed_webhook_secret_with_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("emulator", "--webhook-secret", "not-a-secret");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("WebhookSecrets", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_refuses_an_unknown_host()
    {
        var run = await KlingRunner.RunAsync("emulator", "--host", "beijing");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--host 'beijing'", run.Stderr, StringComparison.Ordinal);
    }
}

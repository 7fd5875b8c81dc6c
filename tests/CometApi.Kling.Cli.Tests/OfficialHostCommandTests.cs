using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests;

/// <summary><c>kling --host official</c>: Kling's own routes, an API key or signed tokens, and the emulator of that host.</summary>
public sealed class OfficialHostCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private KlingEmulatorServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var options = KlingRunner.FastEmulator();
        options.Host = KlingHost.Official;
        options.SucceededSpelling = true;
        _server = await KlingEmulator.StartServerAsync(options);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task With_an_access_key_and_secret_key_a_task_is_created_waited_for_and_saved_through_signed_tokens()
    {
        var output = Path.Combine(_directory.Path, "video.mp4");

        var run = await KlingRunner.RunAsync(
            "--host", "official", "--base-address", _server.BaseAddress.ToString(),
            "--access-key", KlingEmulator.DefaultAccessKey, "--secret-key", KlingEmulator.DefaultSecretKey,
            "text2video", "--prompt", "a lighthouse at dusk", "-o", output, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("succeeded", run.Json().GetProperty("task").GetProperty("task_status").GetString());
        Assert.True(new FileInfo(output).Length > 0);
        var api = _server.Emulator.Requests.Where(request => request.Authentication is not null).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, request => Assert.Equal(KlingEmulatorCredentialKind.Jwt, request.Authentication!.Kind));
        Assert.All(api, request => Assert.StartsWith("/v1/", request.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(KlingEmulator.DefaultSecretKey, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_Kling_api_key_the_key_is_sent_as_a_bearer_token()
    {
        var run = await KlingRunner.RunAsync(
            "--host", "Official", "--base-address", _server.BaseAddress.ToString(), "--api-key", KlingEmulator.DefaultApiKey,
            "text2video", "--prompt", "a lighthouse", "--no-wait", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(_server.Emulator.Requests, request => request.Method == "POST");
        Assert.Equal(KlingEmulatorCredentialKind.ApiKey, create.Authentication!.Kind);
        Assert.Equal("/v1/videos/text2video", create.Path);
    }

    [Fact]
    public async Task A_printed_follow_up_command_repeats_the_host_and_never_a_real_secret()
    {
        var run = await KlingRunner.RunAsync(
            "--host", "official", "--base-address", _server.BaseAddress.ToString(),
            "--access-key", "ak-real-account", "--secret-key", "sk-real-secret-value",
            "text2video", "--prompt", "a lighthouse", "--no-wait");

        // The emulator knows no such key: the refusal is printed, and nothing shows the secret.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1000", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-real-secret-value", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_built_in_emulator_runs_as_Kling_s_own_host()
    {
        var output = Path.Combine(_directory.Path, "cat.png");

        var run = await KlingRunner.RunAsync("--host", "official", "image-generation", "--prompt", "a cat", "-o", output, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("KLING_API_KEY", run.Stderr, StringComparison.Ordinal);
        Assert.True(new FileInfo(output).Length > 0);
    }

    [Fact]
    public async Task Access_keys_without_the_official_host_are_a_usage_error()
    {
        var run = await KlingRunner.RunAsync("--access-key", "ak", "--secret-key", "sk", "text2video", "--prompt", "hi", "--no-wait");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--host official", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_is_a_usage_error_naming_the_known_ones()
    {
        var run = await KlingRunner.RunAsync("--host", "beijing", "text2video", "--prompt", "hi");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("use cometapi or official", run.Stderr, StringComparison.Ordinal);
    }
}

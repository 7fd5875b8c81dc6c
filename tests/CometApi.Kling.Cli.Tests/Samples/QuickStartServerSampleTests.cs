using CometApi.Kling.Cli.Tests.Infrastructure;
using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli.Tests.Samples;

/// <summary>
/// The QuickStart with COMETAPI_KEY set, as a user with a real key would run it, but pointed at a loopback emulator
/// server: so every test can also check what reached the server (nothing, for a bad command line).
/// </summary>
public sealed class QuickStartServerSampleTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private KlingEmulatorServer _server = null!;

    private Dictionary<string, string> KeyAndServer => new()
    {
        [KlingClientOptions.ApiKeyEnvironmentVariable] = KlingEmulator.DefaultApiKey,
        ["KLING_BASE_ADDRESS"] = _server.BaseAddress.ToString(),
    };

    public async ValueTask InitializeAsync() => _server = await KlingEmulator.StartServerAsync(KlingRunner.FastEmulator());

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task QuickStart_help_prints_the_usage_exits_0_and_sends_nothing(string help)
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, KeyAndServer, help);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Usage: dotnet run --project samples/QuickStart", run.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--image <path|url>", "--text", "--prompt <text>", "--output <folder>", "--base-address <url>" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Empty(_server.Emulator.Requests);
    }

    [Theory]
    [InlineData("--imag x.png", "unknown option '--imag'")]
    [InlineData("--image", "--image needs a value")]
    [InlineData("--image --prompt hello", "--image needs a value")]
    [InlineData("--prompt hello extra", "unexpected argument 'extra'")]
    [InlineData("--output a --output b", "--output is given more than once")]
    [InlineData("--text --image x.png", "--text makes a video from the prompt alone; it cannot be used with --image")]
    [InlineData("--text --text", "--text is given more than once")]
    [InlineData("--text=yes", "unknown option '--text=yes'")]
    public async Task QuickStart_with_a_bad_command_line_prints_the_error_and_usage_exits_2_and_sends_nothing(string arguments, string error)
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, KeyAndServer, arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {error}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project samples/QuickStart", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Empty(_server.Emulator.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QuickStart_with_a_key_and_a_base_address_makes_the_video_on_that_server_and_says_so(bool asOption)
    {
        var environment = KeyAndServer;
        string[] args = asOption ? ["--base-address", _server.BaseAddress.ToString()] : [];
        if (asOption)
        {
            environment.Remove("KLING_BASE_ADDRESS");
        }

        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, environment, args);

        Assert.True(run.ExitCode == 0, run.ToString());
        var source = asOption ? "--base-address" : "KLING_BASE_ADDRESS";
        Assert.StartsWith(
            $"Using the Kling-compatible server at {_server.BaseAddress} (from {source}) with the key from COMETAPI_KEY.",
            run.Stdout,
            StringComparison.Ordinal);
        var task = Assert.Single(_server.Emulator.Tasks);
        var video = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
        Assert.Equal($"{task.TaskId}.mp4", Path.GetFileName(video));
    }

    [Fact]
    public async Task QuickStart_text_with_a_key_creates_a_text2video_task_on_the_server_and_saves_its_mp4()
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, KeyAndServer, "--text", "--prompt", "A paper boat on a rainy street");

        Assert.True(run.ExitCode == 0, run.ToString());
        var task = Assert.Single(_server.Emulator.Tasks);
        Assert.Equal(KlingTaskKind.TextToVideo.Route, task.Route);
        Assert.Contains($"Task {task.TaskId} (text2video) created: ", run.Stdout, StringComparison.Ordinal);
        var video = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
        Assert.Equal($"{task.TaskId}.mp4", Path.GetFileName(video));
    }

    [Fact]
    public async Task QuickStart_with_a_base_address_but_no_key_keeps_to_the_built_in_emulator_and_says_why()
    {
        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, "--base-address", _server.BaseAddress.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("COMETAPI_KEY is not set: using the built-in Kling emulator", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"--base-address {_server.BaseAddress} is used only with COMETAPI_KEY", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(_server.Emulator.Requests);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "output"), "*.mp4"));
    }

    [Fact]
    public async Task QuickStart_refused_by_the_service_prints_the_message_without_a_stack_trace_and_exits_1()
    {
        var environment = KeyAndServer;
        environment[KlingClientOptions.ApiKeyEnvironmentVariable] = "sk-wrong";

        var run = await SampleProcess.RunAsync("QuickStart", _directory.Path, environment);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: Creating the image-to-video task failed: HTTP 401", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Empty(_server.Emulator.Tasks);
    }

    [Fact]
    public async Task QuickStart_stops_on_ctrl_c_with_exit_130_and_says_the_task_goes_on()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Ctrl+C is sent as SIGINT, which Windows does not have.");
        await using var slow = await KlingEmulator.StartServerAsync(new KlingEmulatorOptions { ProcessingDuration = TimeSpan.FromHours(1) });
        var environment = KeyAndServer;
        environment["KLING_BASE_ADDRESS"] = slow.BaseAddress.ToString();
        using var sample = SampleProcess.Start("QuickStart", _directory.Path, environment);

        await Poll.UntilAsync(() => sample.Stdout.Contains(" created: ", StringComparison.Ordinal));
        await sample.InterruptAsync();
        var run = await sample.WaitAsync();

        Assert.True(run.ExitCode == 130, run.ToString());
        var task = Assert.Single(slow.Emulator.Tasks);
        Assert.Contains($"Stopped. Task {task.TaskId} goes on", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "output")));
    }
}

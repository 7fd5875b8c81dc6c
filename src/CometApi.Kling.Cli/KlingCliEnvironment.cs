using CometApi.Kling.Testing;

namespace CometApi.Kling.Cli;

/// <summary>
/// What the CLI takes from its surroundings. The console supplies it in <c>Program.cs</c>; tests supply writers, an
/// environment without a key, and a fast emulator, and run the very same commands in-process.
/// </summary>
internal sealed class KlingCliEnvironment
{
    /// <summary>Where results go (human text, or the single JSON document with <c>--json</c>).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors, banners and hints go, and the live displays, so stdout stays clean for pipes.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable (COMETAPI_KEY); tests replace it to control the key.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether stdout and stderr are a terminal: live status and progress bars only then.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Options for the in-process and <c>kling emulator</c> emulators; tests shorten the task lifecycle.</summary>
    public Func<KlingEmulatorOptions> CreateEmulatorOptions { get; init; } = static () => new KlingEmulatorOptions();

    /// <summary>Adjusts every wait (tests poll every few milliseconds instead of every 2 s).</summary>
    public Action<KlingWaitOptions>? ConfigureWait { get; init; }

    /// <summary>The environment of this process's console.</summary>
    /// <returns>The environment.</returns>
    public static KlingCliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsInteractive = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
    };
}

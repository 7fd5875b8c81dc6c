namespace CometApi.Kling.Cli;

/// <summary>The exit codes of <c>kling</c>; scripts rely on them, so they are part of the command's contract.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The service refused a call, no response came, the task failed, the wait timed out or a download failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the request is invalid (nothing was sent).</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Canceled = 130;

    /// <summary>Stopped by SIGTERM (128 + SIGTERM); <c>kling emulator</c> exits with <see cref="Success"/> instead, as on Ctrl+C.</summary>
    public const int Terminated = 143;
}

namespace CometApi.Kling.Cli.Output;

/// <summary>The one JSON document <c>--json</c> prints: the task as the API returned it, the saved files, or the error.</summary>
internal sealed record CliResult
{
    /// <summary>The task (the SDK's model, so its fields are the wire's: <c>task_id</c>, <c>task_status</c>, ...).</summary>
    public TaskData? Task { get; init; }

    /// <summary>The faces a lip-sync identified before creating its task (the SDK's model, wire names: <c>session_id</c>, <c>face_data</c>).</summary>
    public KlingFaceIdentification? Session { get; init; }

    /// <summary>The request id of the last answer about the task, for support requests.</summary>
    public string? RequestId { get; init; }

    /// <summary>The full path of the downloaded file (the first, when the task made several).</summary>
    public string? File { get; init; }

    /// <summary>Every downloaded file's full path, in the task's order (an n-image generation saves n).</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>Why the command failed; absent on success.</summary>
    public CliError? Error { get; init; }
}

namespace CometApi.Kling.Cli.Output;

/// <summary>An error in the <c>--json</c> document, so scripts can branch on <see cref="Kind"/> without parsing text.</summary>
internal sealed record CliError
{
    /// <summary><c>usage</c>, <c>validation</c>, <c>api</c>, <c>connection</c>, <c>task_failed</c>, <c>timeout</c>, <c>download</c>, <c>canceled</c>, or <c>error</c> (anything else, e.g. a create whose outcome is unknown, or a file that could not be written).</summary>
    public required string Kind { get; init; }

    public required string Message { get; init; }

    /// <summary>The Kling error code (e.g. 1201), when the service sent one.</summary>
    public int? Code { get; init; }

    /// <summary>The HTTP status of the refused call.</summary>
    public int? Status { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Every problem of a request that was not sent.</summary>
    public IReadOnlyList<CliValidationProblem>? Errors { get; init; }

    /// <summary>The command that resumes the wait, when there is a task to resume.</summary>
    public string? Resume { get; init; }
}

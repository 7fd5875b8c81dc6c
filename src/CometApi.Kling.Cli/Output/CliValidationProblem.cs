namespace CometApi.Kling.Cli.Output;

/// <summary>One problem of a request, as <see cref="KlingValidationError"/> states it.</summary>
internal sealed record CliValidationProblem(string Path, string Message);

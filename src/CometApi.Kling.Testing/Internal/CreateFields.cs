namespace CometApi.Kling.Testing.Internal;

/// <summary>The parts of a valid create body the engine needs to make the task.</summary>
/// <param name="ExternalTaskId">external_task_id, when sent.</param>
/// <param name="CallbackUrl">callback_url, when sent.</param>
/// <param name="Watermark">watermark_info.enabled, when sent.</param>
/// <param name="Duration">The result's length in seconds as the body asked (or the default).</param>
/// <param name="Prompt">The prompt, which the risky-prompt fault looks at.</param>
/// <param name="Count">How many results the task makes (an image generation's <c>n</c>), and so how many concurrency slots it holds.</param>
internal sealed record CreateFields(string? ExternalTaskId, Uri? CallbackUrl, bool? Watermark, string Duration, string? Prompt, int Count = 1);

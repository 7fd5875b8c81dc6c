using System.Text.Json;

namespace CometApi.Kling.Testing;

/// <summary>How a <see cref="KlingEmulator"/> behaves. Read once, when the emulator is created.</summary>
public sealed class KlingEmulatorOptions
{
    /// <summary>The clock that drives task statuses, callbacks, latency and timestamps; use a fake one to test in virtual time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c>; each key sees only its own tasks.</summary>
    /// <value>The default is <see cref="KlingEmulator.DefaultApiKey"/> alone.</value>
    public IList<string> ApiKeys { get; set; } = [KlingEmulator.DefaultApiKey];

    /// <summary>Whether any non-empty Bearer key is accepted (each still sees only its own tasks), e.g. for the CLI.</summary>
    public bool AcceptAnyApiKey { get; set; }

    /// <summary>How long a new task stays <c>submitted</c>.</summary>
    /// <value>The default is 1 s.</value>
    public TimeSpan SubmittedDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a task stays <c>processing</c> before it ends.</summary>
    /// <value>The default is 4 s.</value>
    public TimeSpan ProcessingDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Chooses the processing time of each task from its create body (e.g. random durations); when set it replaces
    /// <see cref="ProcessingDuration"/>. Called once per task, under the emulator's lock: keep it quick.
    /// </summary>
    public Func<JsonElement, TimeSpan>? ProcessingDurationSelector { get; set; }

    /// <summary>
    /// A task whose prompt contains this text (ignoring case) ends <c>failed</c> with <see cref="RiskyTaskStatusMessage"/>,
    /// as Kling's content risk control does; <see langword="null"/> disables it.
    /// </summary>
    /// <value>The default is <c>"risky"</c>.</value>
    public string? RiskyPromptMarker { get; set; } = "risky";

    /// <summary>The <c>task_status_msg</c> of a task failed by <see cref="RiskyPromptMarker"/>.</summary>
    public string RiskyTaskStatusMessage { get; set; } = "Failure to pass the risk control system";

    /// <summary>
    /// The most tasks one key may have running (submitted or processing) at once; one more create is refused with
    /// HTTP 429, code 1303. An image generation of <c>n</c> images counts as <c>n</c>, as Kling counts it.
    /// <see langword="null"/> means no limit.
    /// </summary>
    public int? MaxRunningTasksPerKey { get; set; }

    /// <summary>The longest accepted <c>prompt</c>, in Unicode characters.</summary>
    /// <value>The default is 500, as CometAPI documents (official Kling: 2500).</value>
    public int MaxPromptLength { get; set; } = 500;

    /// <summary>The longest accepted <c>negative_prompt</c>, in Unicode characters.</summary>
    /// <value>The default is 200, as CometAPI documents (official Kling: 2500).</value>
    public int MaxNegativePromptLength { get; set; } = 200;

    /// <summary>The accepted <c>model_name</c> values.</summary>
    /// <value>The default is the official list, <c>kling-v1</c> to <c>kling-v3</c>.</value>
    public IList<string> ModelNames { get; set; } =
    [
        "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo",
        "kling-v2-6", "kling-v3",
    ];

    /// <summary>The accepted <c>duration</c> values (JSON strings).</summary>
    /// <value>The default is <c>"5"</c> and <c>"10"</c>, as CometAPI documents.</value>
    public IList<string> Durations { get; set; } = ["5", "10"];

    /// <summary>
    /// Whether inline (base64) images are decoded and checked as Kling documents: JPEG or PNG, at most 10 MB, at least
    /// 300 px a side, and for <c>image</c> an aspect ratio between 1:2.5 and 2.5:1. URL images are never fetched.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ValidateImageContent { get; set; } = true;

    /// <summary>
    /// Sends the callbacks (<c>callback_url</c>); <see langword="null"/> means a real <see cref="HttpClient"/>. Inject a
    /// handler to receive callbacks in-process. The emulator does not dispose it.
    /// </summary>
    public HttpMessageHandler? CallbackHandler { get; set; }

    /// <summary>
    /// Whether an omni-video query answers in the wrapper shape one revision of CometAPI's documentation shows
    /// (<c>data: {status: "SUCCESS", action: "OMNI_VIDEO", data: {the task}}</c>) instead of the plain task, so a client
    /// can be tested against both. The default is <see langword="false"/> (the plain shape, as the current page shows).
    /// </summary>
    public bool WrapOmniVideoQueries { get; set; }
}

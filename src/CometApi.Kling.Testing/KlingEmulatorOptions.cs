using System.Text.Json;

namespace CometApi.Kling.Testing;

/// <summary>How a <see cref="KlingEmulator"/> behaves. Read once, when the emulator is created.</summary>
public sealed class KlingEmulatorOptions
{
    /// <summary>The clock that drives task statuses, callbacks, latency and timestamps; use a fake one to test in virtual time.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Which API the emulator copies: CometAPI (routes under <c>/kling/v1/</c>, API keys only) or Kling's own host
    /// (routes under <c>/v1/</c>, API keys and access-key JWTs, Kling's auth codes 1000 to 1004). The routes of the
    /// other host answer 404.
    /// </summary>
    /// <value>The default is <see cref="KlingHost.CometApi"/>.</value>
    public KlingHost Host { get; set; } = KlingHost.CometApi;

    /// <summary>The API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c>; each key sees only its own tasks.</summary>
    /// <value>The default is <see cref="KlingEmulator.DefaultApiKey"/> alone.</value>
    public IList<string> ApiKeys { get; set; } = [KlingEmulator.DefaultApiKey];

    /// <summary>Whether any non-empty Bearer key is accepted (each still sees only its own tasks), e.g. for the CLI.</summary>
    public bool AcceptAnyApiKey { get; set; }

    /// <summary>
    /// With <see cref="Host"/> <see cref="KlingHost.Official"/>: the access keys (key) and their secret keys (value) whose
    /// HS256 JWTs are accepted as <c>Authorization: Bearer &lt;jwt&gt;</c>. Tasks created with a token belong to its
    /// access key (<c>iss</c>), so every token of one key sees the same tasks. Ignored on the CometAPI host.
    /// </summary>
    /// <value>The default is <see cref="KlingEmulator.DefaultAccessKey"/> with <see cref="KlingEmulator.DefaultSecretKey"/>.</value>
    public IDictionary<string, string> AccessKeys { get; set; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [KlingEmulator.DefaultAccessKey] = KlingEmulator.DefaultSecretKey };

    /// <summary>
    /// Whether answers and callbacks spell a finished task's status <c>succeeded</c> (Kling's new standard and signed
    /// callbacks) instead of <c>succeed</c> (the legacy routes), so a client can be tested against both.
    /// </summary>
    /// <value>The default is <see langword="false"/>: <c>succeed</c>.</value>
    public bool SucceededSpelling { get; set; }

    /// <summary>
    /// Webhook secrets (<c>whsec_</c> + base64, as Kling's console makes them). When there is one or more, every callback
    /// carries <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> with one <c>v1,&lt;base64&gt;</c>
    /// entry per secret, in this order (two secrets are a standard rotation). Empty: callbacks are unsigned.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<string> WebhookSecrets { get; set; } = [];

    /// <summary>
    /// Whether callbacks carry Kling's new-standard body (<c>{id, status, message, create_time, update_time,
    /// external_id, outputs}</c>, status <c>succeeded</c>) instead of the legacy bare task object.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the legacy task object.</value>
    public bool NewStandardCallbacks { get; set; }

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

using CometApi.Kling;
using CometApi.Kling.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint Kling posts task callbacks to (the <c>CallbackUrl</c> of a task request of any kind).</summary>
public static class KlingCallbackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> for Kling callbacks. It answers at once (200; 400 for a body that is
    /// not a task; 401, before any parsing, when <see cref="KlingCallbackEndpointOptions.WebhookSecrets"/> are set and the
    /// delivery is unsigned, wrongly signed, stale or replayed; 503 when its queue is full), then re-fetches the task through the authenticated query endpoint of
    /// the registered <see cref="KlingClient"/> and calls <paramref name="handler"/> with that task, at most once per
    /// status change per task. Ids the API does not know, repeats and stale (out-of-order) callbacks never reach it.
    /// The task may be of any kind: the callback URL's optional <c>kind</c> query parameter (e.g.
    /// <c>https://app.example/kling/callback?kind=text2video</c>) says which kind to query first; without it, the known
    /// kinds (<see cref="KlingTaskKind.Known"/>) are tried in order until one finds the task.
    /// </summary>
    /// <param name="endpoints">The route builder (e.g. the <c>WebApplication</c>); <see cref="KlingClient"/> must be registered (<c>AddKlingClient</c>).</param>
    /// <param name="pattern">The route, e.g. <c>"/kling/callback"</c>; consider a hard-to-guess segment, as callbacks are unsigned unless the account has a webhook secret.</param>
    /// <param name="handler">Called in the background with the re-fetched task (its <see cref="TaskData.Kind"/> set).</param>
    /// <param name="options">Signature checking, queue, concurrency and memory limits; <see langword="null"/> means the defaults (no signature checking).</param>
    /// <returns>The endpoint's convention builder (to add filters, authorization, rate limiting).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has an unusable setting.</exception>
    public static IEndpointConventionBuilder MapKlingCallback(
        this IEndpointRouteBuilder endpoints, string pattern, Func<TaskResponse, CancellationToken, Task> handler, KlingCallbackEndpointOptions? options = null)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        return endpoints.MapKlingCallback(pattern, (task, _, cancellationToken) => handler(task, cancellationToken), options);
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> for Kling callbacks, like the other overload, and gives the handler
    /// a service scope of its own (one per delivery) to resolve scoped services such as a database context.
    /// The task may be of any kind (see the other overload for the optional <c>kind</c> query parameter).
    /// </summary>
    /// <param name="endpoints">The route builder (e.g. the <c>WebApplication</c>); <see cref="KlingClient"/> must be registered (<c>AddKlingClient</c>).</param>
    /// <param name="pattern">The route, e.g. <c>"/kling/callback"</c>; consider a hard-to-guess segment, as callbacks are unsigned unless the account has a webhook secret.</param>
    /// <param name="handler">Called in the background with the re-fetched task (its <see cref="TaskData.Kind"/> set) and the delivery's services.</param>
    /// <param name="options">Signature checking, queue, concurrency and memory limits; <see langword="null"/> means the defaults (no signature checking).</param>
    /// <returns>The endpoint's convention builder (to add filters, authorization, rate limiting).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has an unusable setting.</exception>
    /// <exception cref="InvalidOperationException"><see cref="KlingClient"/> is not registered.</exception>
    public static IEndpointConventionBuilder MapKlingCallback(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<TaskResponse, IServiceProvider, CancellationToken, Task> handler,
        KlingCallbackEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new KlingCallbackEndpointOptions();
        var services = endpoints.ServiceProvider;

        // The client's options are read only when a signature check needs their clock: without secrets, mapping
        // touches nothing it did not touch before (a client configured later, or invalid, is found where it was).
        var verifier = options.Validate(() => services.GetService<IOptions<KlingClientOptions>>()?.Value.TimeProvider ?? TimeProvider.System);

        if (services.GetService<IServiceProviderIsService>() is { } registry && !registry.IsService(typeof(KlingClient)))
        {
            // Found now rather than at the first callback, where it could only be logged.
            throw new InvalidOperationException(
                "MapKlingCallback re-fetches each task with KlingClient, which is not registered; call services.AddKlingClient(...) first.");
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("CometApi.Kling.AspNetCore.KlingCallback") ?? NullLogger.Instance;
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var processor = new KlingCallbackProcessor(services, handler, options, logger, stopping);
        options.Processor = processor;

        return endpoints.MapPost(pattern, async context =>
        {
            // The body is read once, as raw bytes: they are what the signature covers, and what is parsed afterwards.
            ReadOnlyMemory<byte> body;
            try
            {
                body = await KlingCallback.ReadBodyAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                // Larger than KlingCallback.MaxBodyBytes: no Kling notification is that big.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            string? webhookId = null;
            if (verifier is not null)
            {
                // Before any work: an unsigned, forged, stale or replayed delivery is neither parsed nor queued.
                var headers = context.Request.Headers;
                webhookId = headers[KlingCallbackVerifier.WebhookIdHeader].ToString();
                var outcome = verifier.Verify(
                    webhookId,
                    headers[KlingCallbackVerifier.WebhookTimestampHeader].ToString(),
                    string.Join(" ", headers[KlingCallbackVerifier.WebhookSignatureHeader].ToArray()),
                    body.Span);
                if (!Accepts(outcome))
                {
                    KlingCallbackEndpointLog.Refused(logger, outcome);
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(RefusalText(outcome), context.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }

            KlingCallbackNotification notification;
            try
            {
                notification = KlingCallback.Parse(body.Span);
            }
            catch (FormatException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            // Only the id is taken from the body; the status it claims is never trusted. The URL's optional "kind"
            // (set by the app in its CallbackUrl) only orders the kinds to query; it can never make a task real.
            var kindHint = context.Request.Query.TryGetValue("kind", out var kinds) ? kinds.ToString() : null;
            if (processor.Enqueue(notification.TaskId, kindHint))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            // Not consumed: the sender retries a 503 with the same webhook-id, and that retry must not look like a replay.
            if (webhookId is not null)
            {
                verifier!.Forget(webhookId);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        });
    }

    /// <summary>
    /// Whether a verified delivery may go on: only <see cref="KlingCallbackVerification.Valid"/>. Every other value is a
    /// refusal, <see cref="KlingCallbackVerification.None"/> (the default) and values added later included.
    /// </summary>
    internal static bool Accepts(KlingCallbackVerification outcome) => outcome == KlingCallbackVerification.Valid;

    /// <summary>A short reason for the sender (it never names a secret or the expected signature).</summary>
    internal static string RefusalText(KlingCallbackVerification outcome) => outcome switch
    {
        KlingCallbackVerification.MissingSignature => "Kling callback refused: not signed (webhook-id, webhook-timestamp or webhook-signature missing).",
        KlingCallbackVerification.InvalidSignature => "Kling callback refused: the signature does not match.",
        KlingCallbackVerification.Stale => "Kling callback refused: webhook-timestamp is outside the tolerance.",
        KlingCallbackVerification.Replayed => "Kling callback refused: this webhook-id was already accepted.",
        _ => "Kling callback refused: the signature was not verified.",
    };
}

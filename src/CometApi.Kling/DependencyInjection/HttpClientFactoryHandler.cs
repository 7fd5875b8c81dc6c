namespace CometApi.Kling.DependencyInjection;

/// <summary>
/// The primary handler of the long-lived <see cref="HttpClient"/> of a registered <see cref="KlingClient"/>: every
/// request is sent through the handler pipeline that <see cref="IHttpMessageHandlerFactory"/> holds for the
/// registration at that moment. The factory caches that pipeline and replaces it after its handler lifetime (2 minutes
/// by default), disposing the old one once nothing uses it, so a client that lives as long as the application still
/// sees DNS changes, as a short-lived client from the factory would.
/// </summary>
internal sealed class HttpClientFactoryHandler(IHttpMessageHandlerFactory factory, string name) : HttpMessageHandler
{
#if NET
    private static readonly HttpRequestOptionsKey<HttpMessageHandler> PipelineKey = new("CometApi.Kling.HandlerPipeline");
#else
    private const string PipelineKey = "CometApi.Kling.HandlerPipeline";
#endif

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = factory.CreateHandler(name);

        // The response keeps its request, so this keeps the pipeline in use while a streamed body (a download) is read:
        // the factory disposes an expired pipeline only once nothing refers to it.
#if NET
        request.Options.Set(PipelineKey, pipeline);
#else
        request.Properties[PipelineKey] = pipeline;
#endif
        using var invoker = new HttpMessageInvoker(pipeline, disposeHandler: false);
        return await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

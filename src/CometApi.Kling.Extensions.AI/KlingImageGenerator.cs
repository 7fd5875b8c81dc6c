using System.Diagnostics.CodeAnalysis;
using CometApi.Kling.Extensions.AI.Internal;
using Microsoft.Extensions.AI;
using MeaiImageGenerationRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace CometApi.Kling.Extensions.AI;

/// <summary>
/// Kling image generation as a Microsoft.Extensions.AI <see cref="IImageGenerator"/>, made by
/// <see cref="KlingImageGeneratorExtensions.AsIImageGenerator"/> (whose remarks document the mapping) or
/// <c>AddKlingImageGenerator</c>: each call creates one task, waits for it and returns its images, as links or bytes.
/// Internal, as Microsoft's own providers keep theirs: users hold the interface.
/// </summary>
[Experimental(DiagnosticId)]
internal sealed class KlingImageGenerator : IImageGenerator
{
    /// <summary>The diagnostic of Microsoft.Extensions.AI's experimental image generation, which this type shares.</summary>
    internal const string DiagnosticId = "MEAI001";

    private readonly KlingClient _client;
    private readonly ImageGeneratorMetadata _metadata;
    private readonly string? _defaultModelId;
    private readonly ImageGenerationResponseFormat _defaultResponseFormat;
    private readonly KlingWaitOptions _waitOptions;

    /// <summary>Creates a generator that sends through <paramref name="client"/>.</summary>
    /// <param name="client">The client to create, wait for and download tasks with; the generator does not own it.</param>
    /// <param name="options">The generator's settings; <see langword="null"/> means the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public KlingImageGenerator(KlingClient client, KlingImageGeneratorOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        options ??= new KlingImageGeneratorOptions();
        _defaultModelId = string.IsNullOrWhiteSpace(options.DefaultModelId) ? null : options.DefaultModelId;
        _defaultResponseFormat = options.DefaultResponseFormat;
        _waitOptions = options.Wait;
        _metadata = new ImageGeneratorMetadata(ProviderName, options.ProviderUri, _defaultModelId);
    }

    /// <summary>The provider name reported in <see cref="ImageGeneratorMetadata.ProviderName"/>.</summary>
    internal static string ProviderName => "kling";

    /// <summary>
    /// Creates one Kling image generation task from <paramref name="request"/> and <paramref name="options"/>, waits for
    /// it and returns its images in the order of their index: <see cref="UriContent"/> links for
    /// <see cref="ImageGenerationResponseFormat.Uri"/> (and <see cref="ImageGenerationResponseFormat.Hosted"/>: the image
    /// stays hosted by the service), otherwise <see cref="DataContent"/> bytes downloaded through the client, with the
    /// media type read from the bytes (<c>image/png</c>, <c>image/jpeg</c>, ...). The finished task is the response's
    /// <see cref="ImageGenerationResponse.RawRepresentation"/> (a <see cref="TaskResponse"/>).
    /// </summary>
    /// <param name="request">The prompt and at most one reference image.</param>
    /// <param name="options">Count, model, size, response format and Kling-only fields; <see langword="null"/> means the service's defaults.</param>
    /// <param name="cancellationToken">Stops the call at any step (a created task goes on on the service).</param>
    /// <returns>The generated images.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="KlingValidationException">The request cannot be mapped or breaks a documented limit (every problem at once); nothing was sent.</exception>
    /// <exception cref="KlingTaskFailedException">The task failed; its reason and the task are in the exception.</exception>
    /// <exception cref="KlingDownloadException">The task succeeded but an image could not be downloaded (bytes were asked for), or it has no image.</exception>
    /// <exception cref="KlingException">Another failure of the client (API error, connection, wait timeout, ambiguous create).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<ImageGenerationResponse> GenerateAsync(MeaiImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var klingRequest = ImageRequestMapper.Map(this, request, options, _defaultModelId);
        var format = options?.ResponseFormat ?? _defaultResponseFormat;

        var created = await _client.CreateImageGenerationAsync(klingRequest, cancellationToken).ConfigureAwait(false);
        var done = created.Data.TaskStatus.IsTerminal
            ? created
            : await _client.WaitForCompletionAsync(created, _waitOptions, cancellationToken).ConfigureAwait(false);
        var images = GeneratedImages.Of(done);

        var contents = new List<AIContent>(images.Count);
        if (format is ImageGenerationResponseFormat.Uri or ImageGenerationResponseFormat.Hosted)
        {
            foreach (var image in images)
            {
                contents.Add(new UriContent(image.Url!, ImageMediaType.FromUrl(image.Url!)) { RawRepresentation = image });
            }
        }
        else
        {
            for (var i = 0; i < images.Count; i++)
            {
                contents.Add(await GeneratedImages.DownloadAsync(_client, done, images[i], i, images.Count, cancellationToken).ConfigureAwait(false));
            }
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = done };
    }

    /// <summary>
    /// Returns the <see cref="ImageGeneratorMetadata"/> (provider <c>kling</c>, <see cref="KlingImageGeneratorOptions.ProviderUri"/>,
    /// <see cref="KlingImageGeneratorOptions.DefaultModelId"/>), the underlying <see cref="KlingClient"/>, or this generator,
    /// as asked; <see langword="null"/> for anything else or for any <paramref name="serviceKey"/>.
    /// </summary>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">A key; this generator has no keyed services.</param>
    /// <returns>The object, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    /// <summary>Does nothing: the generator holds no resources of its own and never disposes the client it was given.</summary>
    public void Dispose()
    {
        // The KlingClient belongs to the caller (or the DI container) and is usually shared: it outlives the generator.
    }
}

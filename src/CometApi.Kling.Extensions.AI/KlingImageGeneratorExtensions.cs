using System.Diagnostics.CodeAnalysis;
using CometApi.Kling;
using CometApi.Kling.Extensions.AI;
using MeaiImageGenerationRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace Microsoft.Extensions.AI;

/// <summary>Gets a Microsoft.Extensions.AI <see cref="IImageGenerator"/> for a <see cref="KlingClient"/>.</summary>
[Experimental(KlingImageGenerator.DiagnosticId)]
public static class KlingImageGeneratorExtensions
{
    /// <summary>
    /// Gets an <see cref="IImageGenerator"/> for Kling image generation (<c>POST kling/v1/images/generations</c>) through
    /// <paramref name="client"/>: each <see cref="IImageGenerator.GenerateAsync"/> call creates one task, waits for it
    /// and returns its images in the order of their index, as <see cref="UriContent"/> links
    /// (<see cref="ImageGenerationResponseFormat.Uri"/>, <see cref="ImageGenerationResponseFormat.Hosted"/>) or
    /// <see cref="DataContent"/> bytes downloaded through the client (the default), with the media type read from the
    /// bytes. The finished task is the response's <see cref="ImageGenerationResponse.RawRepresentation"/> (a
    /// <see cref="TaskResponse"/>). The generator does not own the client (disposing it leaves the client usable).
    /// </summary>
    /// <param name="client">The client to create, wait for and download tasks with.</param>
    /// <param name="options">The generator's settings (default model, response format, wait schedule); <see langword="null"/> means the defaults.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>
    /// <see cref="IImageGenerator"/> is experimental in Microsoft.Extensions.AI (diagnostic <c>MEAI001</c>), and so is
    /// this method: acknowledge <c>MEAI001</c> in the code that uses it (<c>&lt;NoWarn&gt;$(NoWarn);MEAI001&lt;/NoWarn&gt;</c>
    /// or <c>#pragma warning disable MEAI001</c>).
    /// </para>
    /// <para>
    /// Mapping: <see cref="MeaiImageGenerationRequest.Prompt"/> → <c>prompt</c>; <see cref="ImageGenerationOptions.Count"/> →
    /// <c>n</c> (1 to 9); <see cref="ImageGenerationOptions.ModelId"/> → <c>model_name</c>;
    /// <see cref="ImageGenerationOptions.ImageSize"/> → the nearest <c>aspect_ratio</c> (Kling takes no pixel size); one
    /// <see cref="MeaiImageGenerationRequest.OriginalImages"/> item (a <see cref="DataContent"/> or <see cref="UriContent"/>) →
    /// the reference <c>image</c>; Kling-only fields through <see cref="ImageGenerationOptions.AdditionalProperties"/> by
    /// their wire names (<c>aspect_ratio</c>, <c>negative_prompt</c>, <c>image_reference</c>, <c>image_fidelity</c>,
    /// <c>human_fidelity</c>, <c>resolution</c>, <c>watermark</c>, <c>callback_url</c>, <c>external_task_id</c>,
    /// <c>element_list</c>; any other key is written to the body as it is). <see cref="ImageGenerationOptions.RawRepresentationFactory"/>
    /// may return a <see cref="CometApi.Kling.ImageGenerationRequest"/> to start from; its set fields win over the options.
    /// <see cref="ImageGenerationOptions.MediaType"/> and <see cref="ImageGenerationOptions.StreamingCount"/> are ignored: Kling
    /// chooses the file format and does not stream.
    /// </para>
    /// <para>
    /// Errors are the client's: a request that breaks a documented limit throws <see cref="KlingValidationException"/>
    /// before anything is sent (so do options the generator cannot map); a task that fails throws
    /// <see cref="KlingTaskFailedException"/>; an image that cannot be downloaded (or a task with none) throws
    /// <see cref="KlingDownloadException"/>; the rest are <see cref="KlingException"/> subtypes (see
    /// <see cref="KlingClient.WaitForCompletionAsync(TaskResponse, KlingWaitOptions?, CancellationToken)"/>).
    /// <see cref="IImageGenerator.GetService"/> answers the <see cref="ImageGeneratorMetadata"/> (provider <c>kling</c>,
    /// <see cref="KlingImageGeneratorOptions.ProviderUri"/>, <see cref="KlingImageGeneratorOptions.DefaultModelId"/>) and the
    /// underlying <see cref="KlingClient"/>.
    /// </para>
    /// </remarks>
    public static IImageGenerator AsIImageGenerator(this KlingClient client, KlingImageGeneratorOptions? options = null) =>
        new KlingImageGenerator(client, options);
}

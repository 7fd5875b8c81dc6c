using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI;

/// <summary>Settings of the generator made by <see cref="KlingImageGeneratorExtensions.AsIImageGenerator"/> that a single call's <see cref="ImageGenerationOptions"/> does not carry.</summary>
/// <remarks>The generator copies these values when it is created; changing this object later does not affect it.</remarks>
[Experimental(KlingImageGenerator.DiagnosticId)]
public sealed class KlingImageGeneratorOptions
{
    /// <summary>
    /// The model (<c>model_name</c>) used when a call's <see cref="ImageGenerationOptions.ModelId"/> is not set, and
    /// reported as <see cref="ImageGeneratorMetadata.DefaultModelId"/>. <see langword="null"/> (the default) sends no
    /// model, so the service picks its own; CometAPI asks for <c>kling-v3</c>.
    /// </summary>
    public string? DefaultModelId { get; set; }

    /// <summary>
    /// How images come back when a call's <see cref="ImageGenerationOptions.ResponseFormat"/> is not set. The default is
    /// <see cref="ImageGenerationResponseFormat.Data"/>: each image is downloaded and returned as bytes
    /// (<see cref="DataContent"/>), because Kling's result links expire (30 days at most) and are anti-leech links that
    /// a browser or another service may not be able to open. <see cref="ImageGenerationResponseFormat.Uri"/> returns the
    /// links (<see cref="UriContent"/>) without downloading.
    /// </summary>
    public ImageGenerationResponseFormat DefaultResponseFormat { get; set; } = ImageGenerationResponseFormat.Data;

    private KlingWaitOptions _wait = new();

    /// <summary>
    /// How long and how often to wait for each task (timeout, poll schedule, progress). The instance is shared by every
    /// call of the generator.
    /// </summary>
    /// <value>The default is a new <see cref="KlingWaitOptions"/> (30 minutes at most).</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public KlingWaitOptions Wait
    {
        get => _wait;
        set => _wait = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The service's address, reported as <see cref="ImageGeneratorMetadata.ProviderUri"/> (a <see cref="KlingClient"/>
    /// does not expose its own). <c>services.AddKlingImageGenerator()</c> fills it from the registered client's
    /// <see cref="KlingClientOptions.BaseAddress"/>; <see langword="null"/> reports no address.
    /// </summary>
    public Uri? ProviderUri { get; set; }
}

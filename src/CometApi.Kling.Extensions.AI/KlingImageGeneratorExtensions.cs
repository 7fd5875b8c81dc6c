using System.Diagnostics.CodeAnalysis;
using CometApi.Kling;
using CometApi.Kling.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Gets a Microsoft.Extensions.AI <see cref="IImageGenerator"/> for a <see cref="KlingClient"/>.</summary>
[Experimental(KlingImageGenerator.DiagnosticId)]
public static class KlingImageGeneratorExtensions
{
    /// <summary>
    /// Wraps <paramref name="client"/> in a <see cref="KlingImageGenerator"/>: Kling image generation behind
    /// <see cref="IImageGenerator"/>. The generator does not own the client (disposing it leaves the client usable).
    /// </summary>
    /// <param name="client">The client to generate with.</param>
    /// <param name="options">The generator's settings (default model, response format, wait schedule); <see langword="null"/> means the defaults.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static IImageGenerator AsImageGenerator(this KlingClient client, KlingImageGeneratorOptions? options = null) =>
        new KlingImageGenerator(client, options);
}

using System.Text.Json;

namespace CometApi.Kling.Serialization;

/// <summary>
/// Writes an <see cref="ImageToVideoRequest"/> exactly as the client sends it, for <c>JsonSerializer</c>. The body is
/// declared once, by the kind's fields (<see cref="Kinds.ImageToVideo.ImageToVideoDefinition"/>).
/// </summary>
internal static class ImageToVideoRequestWriter
{
    /// <summary>Writes the whole request, local images included (read synchronously).</summary>
    public static void Write(Utf8JsonWriter writer, ImageToVideoRequest request) =>
        MediaFieldWriter.WriteWhole(writer, request.Definition.WriteParts(writer, request, externalTaskId: null));
}

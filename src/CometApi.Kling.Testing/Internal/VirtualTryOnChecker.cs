using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/images/kolors-virtual-try-on</c> (docs/kling-catalogue.md section 4.3,
/// the official body; CometAPI documents only the query): a person and a garment, both images.
/// </summary>
internal static class VirtualTryOnChecker
{
    private static readonly string[] Models = ["kolors-virtual-try-on-v1", "kolors-virtual-try-on-v1-5"];

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        var human = Get(body, "human_image");
        var cloth = Get(body, "cloth_image");
        var problem = (human is null ? "human_image is required: send the person as a public URL or raw base64" : null)
            ?? (cloth is null ? "cloth_image is required: send the garment as a public URL or raw base64" : null)
            ?? CheckChoice(body, "model_name", Models.Contains, "is not a try-on model (kolors-virtual-try-on-v1, kolors-virtual-try-on-v1-5)", out _)
            ?? CheckImage("human_image", human, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckImage("cloth_image", cloth, settings, isFrame: true, checkAspectRatio: true);
        return problem ?? Accept(body, DefaultDuration, prompt: null, out fields, takesWatermark: false);
    }
}

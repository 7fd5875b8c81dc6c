using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.VirtualTryOnRequest>;

namespace CometApi.Kling.Kinds.VirtualTryOn;

/// <summary>Virtual try-on (<c>images/kolors-virtual-try-on</c>): its wire fields and rules (kling-catalogue §4.3).</summary>
internal sealed class VirtualTryOnDefinition() : KlingTaskDefinition<VirtualTryOnRequest>(
    KlingTaskKind.VirtualTryOn,
    "virtual-try-on",
    [
        Choice("model_name", static r => r.ModelName),
        Image("human_image", static r => r.HumanImage),
        Image("cloth_image", static r => r.ClothingImage),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ])
{
    public static VirtualTryOnDefinition Instance { get; } = new();

    protected override void Validate(VirtualTryOnRequest request, RequestRules rules)
    {
        // Both images follow the common image rule (kling-catalogue §0.2); the route names no exception to it.
        rules.RequireImage(request.HumanImage, "human_image", "human_image is required: the person to dress.");

        // The official table's marking was not captured, but every gateway requires it and a try-on without a garment
        // has nothing to do.
        rules.RequireImage(request.ClothingImage, "cloth_image", "cloth_image is required: the garment to put on the person.");
    }
}

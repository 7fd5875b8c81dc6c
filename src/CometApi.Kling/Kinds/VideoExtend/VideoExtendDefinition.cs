using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.VideoExtendRequest>;

namespace CometApi.Kling.Kinds.VideoExtend;

/// <summary>
/// Video extension (<c>videos/video-extend</c>): its wire fields and rules (kling-catalogue §3.3). The body declares no
/// <c>external_task_id</c>: the official body is video_id, prompt, negative_prompt, cfg_scale and callback_url, every
/// sibling route lists the id and this one does not, and CometAPI's pages do not either. An id the service ignored would
/// make the lookup after an ambiguous create say "not made" and the create be sent again, so the client sends none.
/// </summary>
internal sealed class VideoExtendDefinition() : KlingTaskDefinition<VideoExtendRequest>(
    KlingTaskKind.VideoExtend,
    "video-extension",
    [
        Text("task_id", static r => r.ParentTaskId),
        Text("video_id", static r => r.VideoId),
        Text("prompt", static r => r.Prompt),
        Text("negative_prompt", static r => r.NegativePrompt),
        Number("cfg_scale", static r => r.CfgScale),
        CallbackUrl,
    ])
{
    public static VideoExtendDefinition Instance { get; } = new();

    protected override void Validate(VideoExtendRequest request, RequestRules rules)
    {
        if (request.ParentTaskId is { } taskId && taskId.Trim().Length == 0)
        {
            rules.Add("task_id", "task_id is empty or blank; leave it null or set the parent task's id.");
        }

        // Kling extends the video named by video_id; without one there is nothing to continue.
        rules.Require(
            request.VideoId,
            "video_id",
            "video_id is required: the id of the video to extend (task_result.videos[].id of a succeeded task).",
            "video_id is empty or blank; set the id of the video to extend (task_result.videos[].id of a succeeded task).");
        rules.CheckPrompt(request.Prompt, requiredBecause: null);
        rules.CheckNegativePrompt(request.NegativePrompt);

        // No model_name on this route (the model follows the parent video), so only the range is checked.
        rules.CheckCfgScale(request.CfgScale, modelName: null);
    }
}

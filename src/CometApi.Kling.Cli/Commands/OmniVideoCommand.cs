using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling omni-video</c>: a video from a prompt with reference images, frames, elements or a reference video (Kling O1).</summary>
internal static class OmniVideoCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var images = new Option<string[]>("--image") { Description = "A reference image: a local JPEG/PNG file or an http(s) URL (repeat it; <<<image_1>>> is the first)." };
        var firstFrame = new Option<string?>("--first-frame") { Description = "The first frame: a local file or an http(s) URL (listed after the --image ones)." };
        var endFrame = new Option<string?>("--end-frame") { Description = "The last frame (needs --first-frame)." };
        var elements = new Option<long[]>("--element") { Description = "An element id from Kling's element library (repeat it)." };
        var videoUrl = new Option<string?>("--video-url") { Description = "A reference video: the http(s) URL of an MP4/MOV, 3 to 10 s (at most one)." };
        var referType = new Option<string?>("--refer-type") { Description = "How --video-url is used: feature (a style reference) or base (the video to edit)." };
        var keepSound = new Option<string?>("--keep-original-sound") { Description = "yes or no: whether the output keeps --video-url's sound." };
        var options = new TaskOptions<OmniVideoRequest>()
            .Prompt(
                "What the video shows (up to 2500 characters); name the inputs <<<image_1>>>, <<<element_1>>>, <<<video_1>>>.",
                (request, value) => request.Prompt = value,
                required: true)
            .Add(images, firstFrame, endFrame, elements, videoUrl, referType, keepSound)
            .Model((request, value) => request.ModelName = value, "model_name: kling-video-o1 (CometAPI's one omni model) or kling-v3-omni.")
            .Mode((request, value) => request.Mode = value)
            .AspectRatio("16:9, 9:16 or 1:1; required unless --first-frame or a base video sets the frame.", (request, value) => request.AspectRatio = value)
            .Duration((request, value) => request.Duration = value, "Video length in seconds, 3 to 10 (5 or 10 from the prompt or a first frame alone).")
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "omni-video",
            "Make a video from a prompt with reference images, frames, elements or a video: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse => new OmniVideoRequest
            {
                Images = ReadImages(parse.GetValue(images), parse.GetValue(firstFrame), parse.GetValue(endFrame)),
                Elements = parse.GetValue(elements) is { Length: > 0 } ids ? [.. ids.Select(id => new KlingElement { ElementId = id })] : null,
                Videos = ReadVideo(parse.GetValue(videoUrl), parse.GetValue(referType), parse.GetValue(keepSound)),
            },
            (client, request, cancellationToken) => client.CreateOmniVideoAsync(request, cancellationToken));
    }

    /// <summary>The reference images in the order given, then the frames; null when there are none.</summary>
    private static List<KlingOmniImage>? ReadImages(string[]? references, string? firstFrame, string? endFrame)
    {
        var list = (references ?? []).Select(image => new KlingOmniImage { Image = ImageArgument.Parse(image) }).ToList();
        if (firstFrame is not null)
        {
            list.Add(new KlingOmniImage { Image = ImageArgument.Parse(firstFrame), Type = KlingOmniImageType.FirstFrame });
        }

        if (endFrame is not null)
        {
            list.Add(new KlingOmniImage { Image = ImageArgument.Parse(endFrame), Type = KlingOmniImageType.EndFrame });
        }

        return list.Count > 0 ? list : null;
    }

    /// <summary>The reference video, or a usage error (exit 2, nothing sent) for options that cannot make one.</summary>
    private static List<KlingReferenceVideo>? ReadVideo(string? url, string? referType, string? keepSound)
    {
        if (url is null)
        {
            return referType is null && keepSound is null
                ? null
                : throw new KlingCliUsageException("--refer-type and --keep-original-sound describe the reference video: give it with --video-url.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            throw new KlingCliUsageException($"--video-url '{url}' is not an absolute URL (e.g. https://example.com/clip.mp4).");
        }

        bool? keep = keepSound switch
        {
            null => null,
            "yes" => true,
            "no" => false,
            _ => throw new KlingCliUsageException($"--keep-original-sound '{keepSound}' must be yes or no."),
        };
        return [new KlingReferenceVideo { VideoUrl = address, ReferenceType = referType is null ? null : (KlingVideoReferenceType?)new KlingVideoReferenceType(referType), KeepOriginalSound = keep }];
    }
}

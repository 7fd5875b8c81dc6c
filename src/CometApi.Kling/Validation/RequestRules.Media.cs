using CometApi.Kling.Images;

namespace CometApi.Kling.Validation;

/// <summary>The rules of a request's media: local images and audio, motion-brush masks, the audio input of avatar and lip-sync.</summary>
internal sealed partial class RequestRules
{
    internal static string Size(ImageHeader header) => Invariant($"{header.Width}×{header.Height} px");

    /// <summary>
    /// The rules for one local image, from what <see cref="PreparedRequest"/> found (no reading here): size, header,
    /// pixel size and aspect ratio. Returns the header when it could be read.
    /// </summary>
    public ImageHeader? Inspect(KlingImage? image, string path, bool checkAspectRatio)
    {
        if (Prepared?.FactsOf(image) is not { } facts || !CheckRead(facts, path, "image", Limits.MaxImageBytes, nameof(KlingValidationLimits.MaxImageBytes)))
        {
            return null;
        }

        if (facts.Header is not { } header)
        {
            Add(path, facts.HeaderProblem + ".");
            return null;
        }

        var min = Limits.MinImageDimension;
        if (header.Width < min || header.Height < min)
        {
            Add(path, Invariant($"the image is {Size(header)}; width and height must be at least {min} px ({LimitsName}.MinImageDimension)."));
        }

        var ratio = (double)Math.Max(header.Width, header.Height) / Math.Min(header.Width, header.Height);
        if (checkAspectRatio && ratio > Limits.MaxImageAspectRatio)
        {
            var limit = Limits.MaxImageAspectRatio;
            Add(path, Invariant(
                $"the image is {Size(header)}, an aspect ratio of {ratio:0.###}:1; it must be between 1:{limit} and {limit}:1 ({LimitsName}.MaxImageAspectRatio)."));
        }

        return header;
    }

    /// <summary>
    /// The rules for one local audio file, from what <see cref="PreparedRequest"/> found: size, format (mp3, wav, m4a,
    /// aac) and, for a WAV whose header gives it, a length between <paramref name="minLength"/> and
    /// <paramref name="maxLength"/> (named by <paramref name="limitName"/> in the message).
    /// </summary>
    public void InspectAudio(KlingAudio? audio, string path, TimeSpan minLength, TimeSpan maxLength, string limitName)
    {
        if (Prepared?.FactsOf(audio) is not { } facts || !CheckRead(facts, path, "audio", Limits.MaxAudioBytes, nameof(KlingValidationLimits.MaxAudioBytes)))
        {
            return;
        }

        if (facts.Audio is not { } header)
        {
            Add(path, facts.HeaderProblem + ".");
            return;
        }

        if (header.Duration is { } duration && (duration < minLength || duration > maxLength))
        {
            Add(path, Invariant($"the audio lasts {duration.TotalSeconds:0.##} s; it must last {minLength.TotalSeconds:0.##} to {maxLength.TotalSeconds:0.##} s ({limitName})."));
        }
    }

    /// <summary>
    /// The audio input of the avatar and each lip-sync face: exactly one of <c>audio_id</c> (an audio Kling made) and
    /// <c>sound_file</c> (a URL or local file), as both Kling and CometAPI document (kling-catalogue §3.4, §3.7).
    /// <paramref name="prefix"/> is the object's path with its dot (e.g. <c>face_choose[0].</c>), empty for the request.
    /// </summary>
    public void CheckOneAudio(string? audioId, KlingAudio? audio, string prefix)
    {
        if (audioId is null && audio is null)
        {
            Add(prefix + "audio_id", "audio_id or sound_file is required: set AudioId (an audio Kling generated) or Audio (an MP3, WAV, M4A or AAC file or URL).");
            return;
        }

        if (audioId is not null && audio is not null)
        {
            Add(prefix + "sound_file", "sound_file cannot be combined with audio_id: Kling takes exactly one of them; remove AudioId or Audio.");
        }

        if (audioId is not null && audioId.Trim().Length == 0)
        {
            Add(prefix + "audio_id", "audio_id is empty or blank; set the id of an audio Kling generated, or leave it null and set Audio.");
        }
    }

    public void CheckSameResolution(ImageHeader? mask, ImageHeader? reference, string path, string referenceName)
    {
        if (mask is { } m && reference is { } r && (m.Width != r.Width || m.Height != r.Height))
        {
            Add(path, $"the mask is {Size(m)} but {referenceName} is {Size(r)}; masks must have the same resolution as the image.");
        }
    }

    public void CheckDynamicMasks(IReadOnlyList<KlingDynamicMask?> masks, ImageHeader? image, ImageHeader? staticMask)
    {
        if (masks.Count == 0)
        {
            Add("dynamic_masks", "dynamic_masks is empty; leave it null or add at least one group.");
        }
        else if (masks.Count > Limits.ImageToVideo.MaxDynamicMasks)
        {
            Add("dynamic_masks", Invariant($"dynamic_masks has {masks.Count} groups; the limit is {Limits.ImageToVideo.MaxDynamicMasks} ({LimitsName}.ImageToVideo.MaxDynamicMasks)."));
        }

        for (var i = 0; i < masks.Count; i++)
        {
            if (!Item(masks, i, "dynamic_masks", "group", out var group, out var path))
            {
                continue;
            }

            if (group.Mask is null)
            {
                Add(path + ".mask", "mask is required.");
            }

            var mask = Inspect(group.Mask, path + ".mask", checkAspectRatio: true);
            if (image is not null)
            {
                CheckSameResolution(mask, image, path + ".mask", "image");
            }
            else
            {
                CheckSameResolution(mask, staticMask, path + ".mask", "static_mask");
            }

            CheckTrajectory(group.Trajectories, path + ".trajectories", image ?? mask);
        }
    }

    private void CheckTrajectory(IReadOnlyList<KlingTrajectoryPoint>? points, string path, ImageHeader? size)
    {
        if (points is null)
        {
            Add(path, "trajectories is required.");
            return;
        }

        var (min, max) = (Limits.ImageToVideo.MinTrajectoryPoints, Limits.ImageToVideo.MaxTrajectoryPoints);
        if (points.Count < min || points.Count > max)
        {
            Add(path, Invariant(
                $"trajectories has {points.Count} points; it must have {min} to {max} ({LimitsName}.ImageToVideo.MinTrajectoryPoints, ImageToVideo.MaxTrajectoryPoints)."));
        }

        for (var j = 0; j < points.Count; j++)
        {
            var (x, y) = (points[j].X, points[j].Y);
            if (x < 0 || y < 0)
            {
                Add(Invariant($"{path}[{j}]"), Invariant($"the point ({x}, {y}) is outside the image: coordinates are pixels from the bottom-left corner and cannot be negative."));
            }
            else if (size is { } s && (x >= s.Width || y >= s.Height))
            {
                Add(Invariant($"{path}[{j}]"), Invariant(
                    $"the point ({x}, {y}) is outside the {Size(s)} image: x must be 0 to {s.Width - 1} and y 0 to {s.Height - 1} (pixels from the bottom-left corner)."));
            }
        }
    }

    /// <summary>The size limit and the read of one local medium; returns whether it was read (its header can be checked).</summary>
    private bool CheckRead(MediaFacts facts, string path, string noun, long maxBytes, string limitName)
    {
        if (facts.Length.IsLowerBound)
        {
            Add(path, Invariant($"the {noun} is larger than {maxBytes:N0} bytes, the limit ({LimitsName}.{limitName})."));
        }
        else if (facts.Length.Bytes > maxBytes)
        {
            Add(path, Invariant($"the {noun} is {facts.Length.Bytes:N0} bytes; the limit is {maxBytes:N0} bytes ({LimitsName}.{limitName})."));
        }

        if (facts.ReadFailure is { } failure)
        {
            Add(path, $"the {noun} ({facts.Description}) cannot be read: {failure}");
            return false;
        }

        return true;
    }
}

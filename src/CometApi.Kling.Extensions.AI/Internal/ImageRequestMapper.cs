using System.Drawing;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using KlingImageGenerationRequest = CometApi.Kling.ImageGenerationRequest;
using MeaiImageGenerationRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace CometApi.Kling.Extensions.AI.Internal;

/// <summary>Turns a Microsoft.Extensions.AI request and options into Kling's <see cref="KlingImageGenerationRequest"/>.</summary>
internal static class ImageRequestMapper
{
    /// <summary>The aspect ratios every source lists for image generation (CometAPI's seven; 21:9 is official Kling only, so only an explicit <c>aspect_ratio</c> sends it).</summary>
    private static readonly KlingAspectRatio[] SizeRatios =
    [
        KlingAspectRatio.Landscape16x9,
        KlingAspectRatio.Portrait9x16,
        KlingAspectRatio.Square1x1,
        KlingAspectRatio.Landscape4x3,
        KlingAspectRatio.Portrait3x4,
        KlingAspectRatio.Landscape3x2,
        KlingAspectRatio.Portrait2x3,
    ];

    /// <summary>
    /// Builds the Kling request. Fields already set on a request from <see cref="ImageGenerationOptions.RawRepresentationFactory"/>
    /// win; the prompt of <paramref name="request"/> wins over the raw request's.
    /// </summary>
    /// <exception cref="KlingValidationException">Something cannot be mapped (every problem at once); nothing was sent.</exception>
    public static KlingImageGenerationRequest Map(IImageGenerator generator, MeaiImageGenerationRequest request, ImageGenerationOptions? options, string? defaultModelId)
    {
        var problems = new List<KlingValidationError>();
        var kling = StartingPoint(generator, options);

        if (request.Prompt is not null)
        {
            kling.Prompt = request.Prompt;
        }

        kling.ImageCount ??= options?.Count;
        if (kling.ModelName is null && (string.IsNullOrWhiteSpace(options?.ModelId) ? defaultModelId : options!.ModelId) is { } model)
        {
            kling.ModelName = new KlingModel(model);
        }

        MapOriginalImage(request, kling, problems);
        if (options?.AdditionalProperties is { } additional)
        {
            foreach (var property in additional)
            {
                MapAdditionalProperty(property.Key, property.Value, kling, problems);
            }
        }

        // An explicit Kling aspect ratio (raw request or aspect_ratio) wins over the portable ImageSize.
        if (kling.AspectRatio is null && options?.ImageSize is { } size)
        {
            if (size.Width <= 0 || size.Height <= 0)
            {
                problems.Add(new KlingValidationError("options.ImageSize", $"Width and height must be positive to choose an aspect ratio (was {size.Width}x{size.Height})."));
            }
            else
            {
                kling.AspectRatio = NearestAspectRatio(size);
            }
        }

        if (problems.Count > 0)
        {
            throw new KlingValidationException(problems, nameof(options));
        }

        return kling;
    }

    /// <summary>
    /// The Kling aspect ratio nearest to <paramref name="size"/>'s width:height, comparing ratios on a log scale (so
    /// 2:1 is as far from 1:1 as 1:2 is), among 16:9, 9:16, 1:1, 4:3, 3:4, 3:2 and 2:3.
    /// </summary>
    internal static KlingAspectRatio NearestAspectRatio(Size size)
    {
        var wanted = Math.Log((double)size.Width / size.Height);
        var best = SizeRatios[0];
        var bestDistance = double.MaxValue;
        foreach (var candidate in SizeRatios)
        {
            var distance = Math.Abs(Math.Log(RatioOf(candidate)) - wanted);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static double RatioOf(KlingAspectRatio ratio)
    {
        var parts = ratio.ToString().Split(':');
        return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static KlingImageGenerationRequest StartingPoint(IImageGenerator generator, ImageGenerationOptions? options)
    {
        if (options?.RawRepresentationFactory?.Invoke(generator) is not KlingImageGenerationRequest raw)
        {
            return new KlingImageGenerationRequest();
        }

        // A copy, so that mapping never changes the caller's object (the factory may return a shared one).
        var copy = raw with { };
        if (raw.AdditionalProperties is { } properties)
        {
            copy.AdditionalProperties = new Dictionary<string, JsonNode?>(properties, StringComparer.Ordinal);
        }

        return copy;
    }

    private static void MapOriginalImage(MeaiImageGenerationRequest request, KlingImageGenerationRequest kling, List<KlingValidationError> problems)
    {
        if (request.OriginalImages is null)
        {
            return;
        }

        var images = request.OriginalImages.ToList();
        if (images.Count == 0)
        {
            return;
        }

        if (images.Count > 1)
        {
            // Taking the first one silently would bill a generation the caller did not ask for.
            problems.Add(new KlingValidationError(
                "request.OriginalImages",
                $"Kling image generation takes one reference image; {images.Count} were given."));
            return;
        }

        var image = images[0];
        KlingImage? mapped = image switch
        {
            DataContent data when data.HasTopLevelMediaType("image") => KlingImage.FromBytes(data.Data),
            DataContent data => Refuse($"The reference image is a DataContent of '{data.MediaType}'; Kling takes a JPEG or PNG image."),
            UriContent uri when uri.Uri.IsAbsoluteUri && (uri.Uri.Scheme == Uri.UriSchemeHttps || uri.Uri.Scheme == Uri.UriSchemeHttp) => KlingImage.FromUrl(uri.Uri),
            UriContent uri => Refuse($"The reference image's URI '{uri.Uri}' is not an http(s) URL; pass the bytes as a DataContent instead."),
            null => Refuse("The reference image is null."),
            _ => Refuse($"The reference image is a {image.GetType().Name}; Kling takes a DataContent (bytes) or a UriContent (an http(s) URL)."),
        };

        if (mapped is not null)
        {
            kling.Image ??= mapped;
        }

        KlingImage? Refuse(string message)
        {
            problems.Add(new KlingValidationError("request.OriginalImages[0]", message));
            return null;
        }
    }

    private static void MapAdditionalProperty(string key, object? value, KlingImageGenerationRequest kling, List<KlingValidationError> problems)
    {
        if (value is null)
        {
            // A null means "not set": nothing is written, so the service applies its default.
            return;
        }

        var path = $"options.AdditionalProperties[\"{key}\"]";
        var reader = new OptionValue(key, value, path, problems);
        switch (key.ToLowerInvariant())
        {
            case "prompt":
                problems.Add(new KlingValidationError(path, "Set the prompt on the ImageGenerationRequest, not in the additional properties."));
                break;
            case "n":
                // Also keeps n where the client counts it: an n-image task holds n of MaxConcurrentTasks' slots.
                problems.Add(new KlingValidationError(path, "Set the number of images with ImageGenerationOptions.Count, not in the additional properties."));
                break;
            case "model_name":
                problems.Add(new KlingValidationError(path, "Set the model with ImageGenerationOptions.ModelId, not in the additional properties."));
                break;
            case "image":
                problems.Add(new KlingValidationError(path, "Pass the reference image in ImageGenerationRequest.OriginalImages, not in the additional properties."));
                break;
            // Each value is read (and checked) even when a raw request already set the field, so a wrong value never passes unseen.
            case "aspect_ratio":
                var ratio = reader.String();
                if (ratio is not null)
                {
                    kling.AspectRatio ??= new KlingAspectRatio(ratio);
                }

                break;
            case "negative_prompt":
                var negativePrompt = reader.String();
                kling.NegativePrompt ??= negativePrompt;
                break;
            case "image_reference":
                var reference = reader.String();
                if (reference is not null)
                {
                    kling.ImageReference ??= new KlingImageReference(reference);
                }

                break;
            case "image_fidelity":
                var imageFidelity = reader.Number();
                kling.ImageFidelity ??= imageFidelity;
                break;
            case "human_fidelity":
                var humanFidelity = reader.Number();
                kling.HumanFidelity ??= humanFidelity;
                break;
            case "resolution":
                var resolution = reader.String();
                if (resolution is not null)
                {
                    kling.Resolution ??= new KlingImageResolution(resolution);
                }

                break;
            case "watermark":
            case "watermark_info":
                var watermark = reader.Watermark();
                kling.WatermarkInfo ??= watermark;
                break;
            case "callback_url":
                var callbackUrl = reader.AbsoluteUri();
                kling.CallbackUrl ??= callbackUrl;
                break;
            case "external_task_id":
                var externalTaskId = reader.String();
                kling.ExternalTaskId ??= externalTaskId;
                break;
            case "element_list" when OptionValue.Elements(value) is { } elements:
                kling.Elements ??= elements;
                break;
            default:
                // A field this SDK does not type (or an element_list given as JSON): written to the body as it is.
                if (reader.Json() is { } node)
                {
                    kling.AdditionalProperties ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                    if (!kling.AdditionalProperties.ContainsKey(key))
                    {
                        kling.AdditionalProperties[key] = node;
                    }
                }

                break;
        }
    }
}

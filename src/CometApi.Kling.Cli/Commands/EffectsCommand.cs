using System.CommandLine;

namespace CometApi.Kling.Cli.Commands;

/// <summary><c>kling effects</c>: apply a preset effect to one image or two people; create, wait, save (or only create, with <c>--no-wait</c>).</summary>
internal static class EffectsCommand
{
    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var scene = new Option<string>("--scene")
        {
            Description = "The effect (effect_scene): squish, expansion, fuzzyfuzzy (one image); hug, kiss, heart_gesture (two people); or any scene the service offers.",
            Required = true,
        };
        var images = new Option<string[]>("--image")
        {
            Description = "A local JPEG/PNG file or an http(s) URL: once for a single-image scene, twice (left person, then right) for a two-person scene.",
            Required = true,
        };

        // Duration, mode and model belong to the effect's input, which the request reader below makes.
        var options = new TaskOptions<EffectsRequest>()
            .Add(scene, images)
            .Duration((request, value) => request.Input!.Duration = value)
            .Mode((request, value) => request.Input!.Mode = value)
            .Model((request, value) => request.Input!.ModelName = value)
            .CallbackUrl((request, value) => request.CallbackUrl = value)
            .ExternalId((request, value) => request.ExternalTaskId = value);

        return TaskCommand.Create(
            "effects",
            "Apply a video effect to an image or two people: create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse =>
            {
                // One --image is a single-image scene's input.image; more are the people of input.images (validation
                // wants exactly two, and says so).
                var given = (parse.GetValue(images) ?? []).Select(value => ImageArgument.Parse(value)!).ToArray();
                return new EffectsRequest
                {
                    EffectScene = new KlingEffectScene(parse.GetValue(scene)!),
                    Input = new KlingEffectInput
                    {
                        Image = given.Length == 1 ? given[0] : null,
                        Images = given.Length > 1 ? given : null,
                    },
                };
            },
            (client, request, cancellationToken) => client.CreateEffectsAsync(request, cancellationToken));
    }
}

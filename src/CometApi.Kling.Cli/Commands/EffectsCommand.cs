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
        var duration = TaskOptions.Duration();
        var mode = TaskOptions.Mode();
        var model = TaskOptions.Model();
        var callbackUrl = TaskOptions.CallbackUrl();
        var externalId = TaskOptions.ExternalId();

        return TaskCommand.Create(
            "effects",
            "Apply a video effect to an image or two people: create the task, wait for it, save the MP4.",
            openSession,
            [scene, images, duration, mode, model, callbackUrl, externalId],
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
                        Duration = TaskOptions.ReadDuration(parse, duration),
                        Mode = TaskOptions.ReadMode(parse, mode),
                        ModelName = TaskOptions.ReadModel(parse, model),
                    },
                    CallbackUrl = TaskOptions.ReadCallbackUrl(parse, callbackUrl),
                    ExternalTaskId = parse.GetValue(externalId),
                };
            },
            (client, request, cancellationToken) => client.CreateEffectsAsync(request, cancellationToken));
    }
}

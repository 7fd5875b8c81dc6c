using System.Text.Json;
using CometApi.Kling.Extensions.AI;
using CometApi.Kling.Testing;
using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI.Tests.Infrastructure;

/// <summary>An emulator whose tasks end within milliseconds, and a generator that polls it as fast.</summary>
internal static class Emulated
{
    public static KlingEmulatorOptions Options() => new()
    {
        SubmittedDuration = TimeSpan.FromMilliseconds(10),
        ProcessingDuration = TimeSpan.FromMilliseconds(20),
    };

    public static KlingWaitOptions FastWait() => new()
    {
        FirstPollDelay = TimeSpan.FromMilliseconds(10),
        MinPollInterval = TimeSpan.FromMilliseconds(10),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static IImageGenerator Generator(KlingEmulator emulator, ImageGenerationResponseFormat? defaultFormat = null) =>
        Generator(emulator.CreateClient(), defaultFormat);

    public static IImageGenerator Generator(KlingClient client, ImageGenerationResponseFormat? defaultFormat = null)
    {
        var options = new KlingImageGeneratorOptions { Wait = FastWait() };
        if (defaultFormat is { } format)
        {
            options.DefaultResponseFormat = format;
        }

        return client.AsIImageGenerator(options);
    }

    /// <summary>The JSON body of the only create request the emulator received.</summary>
    public static JsonElement CreateBody(KlingEmulator emulator)
    {
        var create = Assert.Single(emulator.Requests, request => request.Endpoint == KlingEmulatorEndpoint.Create);
        Assert.Equal("/kling/v1/images/generations", create.Path);
        using var document = JsonDocument.Parse(create.BodyText);
        return document.RootElement.Clone();
    }

    public static bool IsPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 8 && bytes[..8].SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
}

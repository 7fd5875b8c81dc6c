// The README's main snippets written in C# 7.3 against the packed packages: options and requests built with object
// initializers (a camera control, a dynamic mask), then create, wait and download against the in-process emulator.
// Exit code 0 means a C# 7.3 project can use the SDK as documented.
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using CometApi.Kling;
using CometApi.Kling.Testing;

internal static class Program
{
    private static async Task<int> Main()
    {
        var emulatorOptions = new KlingEmulatorOptions
        {
            SubmittedDuration = TimeSpan.FromMilliseconds(100),
            ProcessingDuration = TimeSpan.FromMilliseconds(300),
        };

        using (var emulator = new KlingEmulator(emulatorOptions))
        using (var httpClient = new HttpClient(emulator.CreateHandler())) // the in-process emulator answers only through its handler
        {
            var client = new KlingClient(httpClient, new KlingClientOptions
            {
                ApiKey = KlingEmulator.DefaultApiKey,
                BaseAddress = emulator.BaseAddress,
                AllowInsecureBaseAddress = true, // the emulator's address is plain http
                Resilience = { MaxRetryAttempts = 2, QueryAttemptTimeout = TimeSpan.FromSeconds(30) },
                ValidationLimits = new KlingValidationLimits // a kind's limits in its group, by nested object initializers
                {
                    ImageToVideo = { MaxDynamicMasks = 6 },
                    Avatar = { MaxAudioLength = TimeSpan.FromMinutes(1) },
                },
            });

            var withCamera = new ImageToVideoRequest
            {
                Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
                Prompt = "The cat turns its head",
                ModelName = KlingModel.KlingV16,
                Mode = KlingMode.Pro,
                Duration = KlingDuration.Five,
                ExternalTaskId = "csharp73-" + Guid.NewGuid().ToString("N"),
                CameraControl = new KlingCameraControl
                {
                    Type = KlingCameraControlType.Simple,
                    Config = new KlingCameraConfig { Zoom = 5 },
                },
            };

            var withMask = new ImageToVideoRequest
            {
                Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
                Prompt = "The cat's tail moves",
                DynamicMasks = new[]
                {
                    new KlingDynamicMask
                    {
                        Mask = KlingImage.FromUrl(new Uri("https://example.com/cat-tail-mask.png")),
                        Trajectories = new[] { new KlingTrajectoryPoint(10, 10), new KlingTrajectoryPoint(60, 40) },
                    },
                },
            };

            var waitOptions = new KlingWaitOptions
            {
                FirstPollDelay = TimeSpan.FromMilliseconds(100),
                MinPollInterval = TimeSpan.FromMilliseconds(100),
                Timeout = TimeSpan.FromMinutes(1),
            };

            var bytes = 0L;
            foreach (var request in new[] { withCamera, withMask })
            {
                TaskResponse created = await client.CreateImageToVideoAsync(request);
                TaskResponse done = await client.WaitForCompletionAsync(created, waitOptions);
                if (done.Data.TaskStatus != KlingTaskStatus.Succeeded)
                {
                    Console.WriteLine("C# 7.3 consumer: task " + done.Data.TaskId + " ended " + done.Data.TaskStatus + ": " + done.Data.TaskStatusMessage);
                    return 1;
                }

                string file = (await client.DownloadResultsAsync(done, KlingOutput.File(Path.Combine(Path.GetTempPath(), "kling-csharp73-" + done.Data.TaskId + ".mp4"))))[0];
                bytes += new FileInfo(file).Length;
                File.Delete(file);
            }

            // Text to video, resumed from a handle as another process would (kind + task id).
            TaskResponse textTask = await client.CreateTextToVideoAsync(new TextToVideoRequest
            {
                Prompt = "A red fox runs through fresh snow",
                AspectRatio = KlingAspectRatio.Square1x1,
                Duration = KlingDuration.Five,
            });
            TaskResponse textDone = await client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.TextToVideo, textTask.Data.TaskId), waitOptions);
            KlingGenerationResult generated = await client.GenerateAsync(
                new TextToVideoRequest { Prompt = "The same fox, at dusk" },
                KlingOutput.File(Path.Combine(Path.GetTempPath(), "kling-csharp73-t2v.mp4")),
                new KlingGenerateOptions { Wait = waitOptions });
            bytes += new FileInfo(generated.FilePath).Length;
            File.Delete(generated.FilePath);

            Console.WriteLine($"C# 7.3 consumer: {emulator.Tasks.Count} tasks (camera control, dynamic mask, two text-to-video) succeeded, {bytes:N0} bytes downloaded");
            return emulator.Tasks.Count == 4 && textDone.Data.TaskStatus == KlingTaskStatus.Succeeded && bytes > 0 ? 0 : 1;
        }
    }
}

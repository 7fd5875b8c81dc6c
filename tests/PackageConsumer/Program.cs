// A consumer of the packed CometApi.Kling and CometApi.Kling.Testing packages: create, wait, download against the
// emulator, and check the result. Exit code 0 means the packages work as a user would use them.
using CometApi.Kling;
using CometApi.Kling.Testing;

using var emulator = new KlingEmulator(new KlingEmulatorOptions
{
    SubmittedDuration = TimeSpan.FromMilliseconds(100),
    ProcessingDuration = TimeSpan.FromMilliseconds(300),
});
var client = emulator.CreateClient();
var output = KlingOutput.File(Path.Combine(Path.GetTempPath(), $"kling-consumer-{Guid.NewGuid():N}.mp4"));

var options = new KlingGenerateOptions { Wait = { FirstPollDelay = TimeSpan.FromMilliseconds(100), MinPollInterval = TimeSpan.FromMilliseconds(100) } };
KlingTaskRequest[] requests =
[
    new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = "The cat turns its head" },
    new TextToVideoRequest { Prompt = "A red fox runs through fresh snow", AspectRatio = KlingAspectRatio.Portrait9x16 },
];

var ok = true;
foreach (var request in requests)
{
    var result = await client.GenerateAsync(request, output, options);
    var length = new FileInfo(result.FilePath).Length;
    Console.WriteLine($"package consumer: {result.Task.Data.Kind.Name} task {result.Task.Data.TaskId} {result.Task.Data.TaskStatus}, {length:N0} bytes at {result.FilePath}");
    File.Delete(result.FilePath);
    ok &= result.Task.Data.TaskStatus == KlingTaskStatus.Succeeded && result.Task.Data.Kind == request.Kind && length > 0;
}

return ok ? 0 : 1;

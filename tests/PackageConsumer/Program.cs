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
var output = Path.Combine(Path.GetTempPath(), $"kling-consumer-{Guid.NewGuid():N}.mp4");

var result = await client.GenerateVideoAsync(
    new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = "The cat turns its head" },
    output,
    new KlingWaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(100), MinPollInterval = TimeSpan.FromMilliseconds(100) });

var length = new FileInfo(result.FilePath).Length;
Console.WriteLine($"package consumer: task {result.Task.Data.TaskId} {result.Task.Data.TaskStatus}, {length:N0} bytes at {result.FilePath}");
File.Delete(result.FilePath);
return result.Task.Data.TaskStatus == KlingTaskStatus.Succeed && length > 0 ? 0 : 1;

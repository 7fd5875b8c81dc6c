// A SharpFuzz target for the SDK's two parsers of untrusted bytes: API responses and callback bodies.
// Any exception other than the documented ones (KlingApiException, FormatException) is a finding.
// How to run it (libFuzzer): see README.md in this folder.
using System.Net;
using CometApi.Kling;
using SharpFuzz;

using var client = new HttpClient(new FuzzHandler());
var kling = new KlingClient(client, new KlingClientOptions { ApiKey = "sk-fuzz", Resilience = { MaxRetryAttempts = 0 } });

Fuzzer.LibFuzzer.Run(bytes =>
{
    FuzzHandler.Body = bytes.ToArray();
    try
    {
        kling.GetTaskAsync(KlingTaskKind.ImageToVideo, "1").GetAwaiter().GetResult();
    }
    catch (KlingApiException)
    {
        // Documented outcome for a body that is not a Kling answer.
    }

    try
    {
        KlingCallback.Parse(bytes);
    }
    catch (FormatException)
    {
        // Documented outcome for a body that is not a task.
    }
});

/// <summary>Answers every request with the current fuzz input as a JSON body.</summary>
internal sealed class FuzzHandler : HttpMessageHandler
{
    public static byte[] Body { get; set; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Body) { Headers = { ContentType = new("application/json") } },
        });
}

using System.Net;
using System.Reflection;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Exceptions;

/// <summary>
/// One exception shape: every SDK error derives from <see cref="KlingException"/>, offers the three standard public
/// constructors only, and carries the task it concerns on the base (<see cref="KlingException.Task"/>, the handle, and
/// <see cref="KlingException.LastKnownTask"/>, the state last seen), wherever it was raised.
/// </summary>
public sealed class ExceptionShapeTests : IDisposable
{
    private const string TaskId = "2032273942220931072";

    private static readonly Type[] ExceptionTypes = [.. typeof(KlingClient).Assembly.GetExportedTypes()
        .Where(type => typeof(KlingException).IsAssignableFrom(type))
        .OrderBy(type => type.Name)];

    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_SDKs_exceptions_are_the_base_and_its_six_kinds()
    {
        Assert.Equal(
            [typeof(KlingAmbiguousCreateException), typeof(KlingApiException), typeof(KlingConnectionException), typeof(KlingDownloadException),
             typeof(KlingException), typeof(KlingTaskFailedException), typeof(KlingWaitTimeoutException)],
            ExceptionTypes);
    }

    [Fact]
    public void Every_exception_has_exactly_the_three_standard_public_constructors()
    {
        Assert.All(ExceptionTypes, type =>
        {
            var signatures = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .Select(constructor => string.Join(", ", constructor.GetParameters().Select(parameter => parameter.ParameterType.Name)))
                .Order();

            Assert.Equal(["", "String", "String, Exception"], signatures);
        });
    }

    [Fact]
    public void The_task_lives_on_the_base_and_no_exception_repeats_it()
    {
        Assert.Equal(typeof(KlingTaskHandle), typeof(KlingException).GetProperty(nameof(KlingException.Task))!.PropertyType);
        Assert.Equal(typeof(TaskResponse), typeof(KlingException).GetProperty(nameof(KlingException.LastKnownTask))!.PropertyType);
        string[] derivable = ["Task", "LastKnownTask", "LastResponse", "TaskId", "TaskStatusMessage", "ExternalTaskId"];
        Assert.All(ExceptionTypes.Where(type => type != typeof(KlingException)), type =>
            Assert.DoesNotContain(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly), property => derivable.Contains(property.Name)));
    }

    [Fact]
    public void KlingApiException_names_the_gateways_error_fields_as_the_gateways()
    {
        var names = typeof(KlingApiException).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(property => property.Name).Order();

        Assert.Equal(["Code", "GatewayErrorCode", "GatewayErrorType", "RequestId", "RetryAfter", "ServerMessage", "StatusCode"], names);
    }

    [Fact]
    public void An_exception_made_with_a_standard_constructor_concerns_no_task_and_is_not_retryable()
    {
        Assert.All(ExceptionTypes.Where(type => type != typeof(KlingConnectionException)), type =>
        {
            var exception = (KlingException)Activator.CreateInstance(type, "message")!;

            Assert.Null(exception.Task);
            Assert.Null(exception.LastKnownTask);
            Assert.False(exception.IsRetryable, type.Name);
        });
        Assert.True(new KlingConnectionException("no response").IsRetryable);
    }

    [Fact]
    public async Task A_query_error_names_the_task_it_asked_for()
    {
        var client = KindApi.Client(new CapturingHandler(_ => KindApi.Json("""{"code":1203,"message":"task not found"}""", HttpStatusCode.NotFound)));

        var byId = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.LipSync, "t-404", Token));
        var byExternalId = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskByExternalIdAsync(KlingTaskKind.LipSync, "order-404", Token));

        Assert.Equal(new KlingTaskHandle(KlingTaskKind.LipSync, "t-404"), byId.Task);
        Assert.Equal(KlingTaskHandle.FromExternalId(KlingTaskKind.LipSync, "order-404"), byExternalId.Task);
        Assert.Null(byId.LastKnownTask);
        Assert.Null(byExternalId.LastKnownTask);
    }

    [Fact]
    public async Task A_permanent_error_that_ends_a_wait_carries_the_task_and_its_last_known_state()
    {
        var polls = 0;
        var client = KindApi.Client(
            new CapturingHandler(_ => ++polls == 1
                ? KindApi.Json(KindApi.Task(TaskId, "processing"))
                : KindApi.Json("""{"code":1102,"message":"account in arrears","request_id":"r-1102"}""", HttpStatusCode.TooManyRequests)),
            _clock);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() =>
            client.WaitForCompletionAsync(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), cancellationToken: Token)));

        Assert.Equal(1102, error.Code);
        Assert.False(error.IsRetryable);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), error.Task);
        Assert.Equal(KlingTaskStatus.Processing, error.LastKnownTask!.Data.TaskStatus);
        Assert.Equal(KlingTaskKind.TextToVideo, error.LastKnownTask.Data.Kind);
    }

    [Fact]
    public async Task A_permanent_error_in_GenerateAsyncs_wait_does_not_lose_the_paid_task()
    {
        var client = KindApi.Client(
            new CapturingHandler(request => request.Method == HttpMethod.Post
                ? KindApi.Json(Responses.Created)
                : KindApi.Json("""{"code":1103,"message":"no permission"}""", HttpStatusCode.Forbidden)),
            _clock);

        var error = await Assert.ThrowsAsync<KlingApiException>(() => _clock.RunAsync(() =>
            client.GenerateAsync(new TextToVideoRequest { Prompt = "A red fox runs through fresh snow" }, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token)));

        Assert.Equal(1103, error.Code);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), error.Task);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public async Task A_download_error_of_DownloadResultsAsync_carries_the_task_whose_files_it_was_saving()
    {
        var client = KindApi.Client(new CapturingHandler(_ => new HttpResponseMessage(HttpStatusCode.Gone)));
        var task = KlingModelFactory.TaskResponse(KlingModelFactory.TaskData(
            TaskId, KlingTaskStatus.Succeeded, [KlingModelFactory.KlingVideo(new Uri("https://cdn.example.com/v.mp4"))], kind: KlingTaskKind.TextToVideo));

        var error = await Assert.ThrowsAsync<KlingDownloadException>(() => client.DownloadResultsAsync(task, KlingOutput.File(_directory.File("fox.mp4")), cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Gone, error.StatusCode);
        Assert.Same(task, error.LastKnownTask);
        Assert.Equal(new KlingTaskHandle(KlingTaskKind.TextToVideo, TaskId), error.Task);
    }

    [Fact]
    public async Task An_ambiguous_create_is_never_retryable_and_its_task_finds_it_again()
    {
        var client = KindApi.Client(
            new CapturingHandler(request => request.Method == HttpMethod.Post
                ? KindApi.Json("""{"code":5001,"message":"service temporarily unavailable"}""", HttpStatusCode.ServiceUnavailable)
                : throw new HttpRequestException("Connection reset by peer")),
            _clock);

        var error = await Assert.ThrowsAsync<KlingAmbiguousCreateException>(() => _clock.RunAsync(() =>
            client.CreateTextToVideoAsync(new TextToVideoRequest { Prompt = "A red fox", ExternalTaskId = "order-42" }, Token)));

        Assert.False(error.IsRetryable);
        Assert.Equal(KlingTaskHandle.FromExternalId(KlingTaskKind.TextToVideo, "order-42"), error.Task);
        Assert.Null(error.LastKnownTask);
    }
}

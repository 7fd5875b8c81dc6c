using System.Net;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class FaultTests
{
    private readonly FakeTimeProvider _clock = new();

    private KlingEmulator NewEmulator() => new(new KlingEmulatorOptions { TimeProvider = _clock });

    [Fact]
    public async Task A_kling_error_fault_answers_the_kling_envelope_with_retry_after_and_creates_nothing()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(
            KlingEmulatorEndpoint.Create,
            KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit").WithRetryAfter(TimeSpan.FromSeconds(1.2)),
            onCall: 1);
        using var api = new RawApi(emulator);

        var answer = await api.CreateAsync(RawApi.MinimalBody());

        Assert.Equal(429, answer.Status);
        Assert.Equal(1303, answer.Code);
        Assert.Equal("parallel task over resource pack limit", answer.Message);
        Assert.True(Guid.TryParse(answer.Json.GetProperty("request_id").GetString(), out _));
        Assert.Equal("2", answer.RetryAfter);
        Assert.Empty(emulator.Tasks);
    }

    [Fact]
    public async Task A_fault_on_a_call_number_hits_only_that_call_of_that_endpoint()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.Status(HttpStatusCode.ServiceUnavailable), onCall: 2);
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await api.QueryAsync(id)).Status);
        }

        Assert.Equal([200, 503, 200], statuses);
        Assert.Equal(0, emulator.Faults.Count);
    }

    [Fact]
    public async Task Times_repeats_a_fault_over_consecutive_calls()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.KlingError(HttpStatusCode.InternalServerError, 5000, "internal error"), onCall: 2, times: 2);
        using var api = new RawApi(emulator);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await api.ListAsync()).Status);
        }

        Assert.Equal([200, 500, 500, 200, 200], statuses);
    }

    [Fact]
    public async Task Without_a_call_number_a_fault_hits_the_next_calls_from_now()
    {
        using var emulator = NewEmulator();
        using var api = new RawApi(emulator);
        await api.ListAsync();
        await api.ListAsync();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Status(HttpStatusCode.GatewayTimeout), times: 2);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await api.ListAsync()).Status);
        }

        Assert.Equal([504, 504, 200], statuses);
    }

    [Fact]
    public async Task A_fault_for_every_call_lasts_until_cleared()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Any, KlingEmulatorFault.Html(HttpStatusCode.ServiceUnavailable), times: int.MaxValue);
        using var api = new RawApi(emulator);

        Assert.Equal(503, (await api.ListAsync()).Status);
        Assert.Equal(503, (await api.CreateAsync(RawApi.MinimalBody())).Status);
        Assert.Equal(503, (await api.QueryAsync("1")).Status);
        emulator.Faults.Clear();
        Assert.Equal(200, (await api.ListAsync()).Status);
    }

    [Fact]
    public async Task An_any_endpoint_fault_counts_calls_across_all_endpoints()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Any, KlingEmulatorFault.Status(HttpStatusCode.BadGateway), onCall: 3);
        using var api = new RawApi(emulator);

        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        Assert.Equal(200, (await api.ListAsync()).Status);
        Assert.Equal(502, (await api.QueryAsync(id)).Status);
        Assert.Equal(200, (await api.QueryAsync(id)).Status);
    }

    [Fact]
    public async Task The_first_added_fault_wins_when_two_match()
    {
        using var emulator = NewEmulator();
        emulator.Faults
            .Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Status(HttpStatusCode.Conflict), onCall: 1)
            .Add(KlingEmulatorEndpoint.Any, KlingEmulatorFault.Status(HttpStatusCode.Gone), onCall: 1);
        using var api = new RawApi(emulator);

        Assert.Equal(409, (await api.ListAsync()).Status);
    }

    [Fact]
    public async Task A_comet_error_fault_answers_comet_apis_own_envelope_with_the_request_id_in_the_message()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.CometError(HttpStatusCode.InternalServerError, "model name is required", "invalid_request"));
        using var api = new RawApi(emulator);

        var answer = await api.CreateAsync(RawApi.MinimalBody());

        Assert.Equal(500, answer.Status);
        var error = answer.Json.GetProperty("error");
        Assert.Matches(@"^model name is required \(request id: [0-9a-f-]{36}\)$", error.GetProperty("message").GetString());
        Assert.Equal("comet_api_error", error.GetProperty("type").GetString());
        Assert.Equal("", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_html_fault_answers_a_text_html_page_with_a_title()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.Html());
        using var api = new RawApi(emulator);

        var answer = await api.QueryAsync("1");

        Assert.Equal(502, answer.Status);
        Assert.Equal("text/html", answer.ContentType);
        Assert.Contains("<title>502 Bad Gateway</title>", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_fault_can_send_any_body_even_on_200()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.Status(HttpStatusCode.OK, "{\"code\":0,", "application/json"));
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        using var api = new RawApi(emulator);

        using var raw = await api.Http.GetAsync(RawApi.Route + "/1", TestContext.Current.CancellationToken);
        var empty = await api.ListAsync();

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("{\"code\":0,", await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(503, empty.Status);
        Assert.Empty(empty.Body);
    }

    [Fact]
    public async Task Retry_after_can_be_an_http_date()
    {
        using var emulator = NewEmulator();
        var when = new DateTimeOffset(2026, 5, 1, 8, 30, 0, TimeSpan.Zero);
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Status(HttpStatusCode.ServiceUnavailable).WithRetryAfter(when));
        using var api = new RawApi(emulator);

        var answer = await api.ListAsync();

        Assert.Equal("Fri, 01 May 2026 08:30:00 GMT", answer.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_can_decorate_a_normal_answer()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.None().WithRetryAfter(TimeSpan.FromSeconds(3)));
        using var api = new RawApi(emulator);

        var answer = await api.ListAsync();

        Assert.Equal(200, answer.Status);
        Assert.Equal("3", answer.RetryAfter);
    }

    [Fact]
    public async Task Latency_holds_the_answer_until_the_emulators_clock_has_moved_on()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Delay(TimeSpan.FromSeconds(30)));
        using var api = new RawApi(emulator);
        var start = _clock.GetUtcNow();

        var pending = api.ListAsync();
        while (!pending.IsCompleted)
        {
            Assert.True(_clock.GetUtcNow() - start < TimeSpan.FromMinutes(1), "the delayed answer never came");
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.Equal(200, (await pending).Status);
        Assert.True(_clock.GetUtcNow() - start >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Latency_combines_with_an_error_and_is_cancellable()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Status(HttpStatusCode.ServiceUnavailable).WithLatency(TimeSpan.FromSeconds(5)));
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, RawApi.Route);
        request.Headers.Authorization = new("Bearer", KlingEmulator.DefaultApiKey);

        var pending = http.SendAsync(request, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Null(Assert.Single(emulator.Requests).ResponseStatusCode);
        Assert.Equal("HTTP 503, after 5 s", emulator.Requests[0].Fault?.ToString());
    }

    [Fact]
    public async Task Dropping_before_processing_throws_HttpRequestException_and_creates_no_task()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropBeforeProcessing());
        using var api = new RawApi(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => api.CreateAsync(RawApi.MinimalBody("x")));

        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Empty(emulator.Tasks);
        var request = Assert.Single(emulator.Requests);
        Assert.Null(request.ResponseStatusCode);
        Assert.Equal(KlingEmulatorFaultKind.DropBeforeProcessing, request.Fault?.Kind);
        Assert.Equal(200, (await api.CreateAsync(RawApi.MinimalBody("x"))).Status);
    }

    [Fact]
    public async Task Dropping_after_processing_throws_yet_the_task_was_created()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropAfterProcessing());
        using var api = new RawApi(emulator);

        await Assert.ThrowsAsync<HttpRequestException>(() => api.CreateAsync(RawApi.MinimalBody("ambiguous")));

        var task = Assert.Single(emulator.Tasks);
        Assert.Equal("ambiguous", task.ExternalTaskId);
        Assert.Equal(task.TaskId, Assert.Single(emulator.Requests).TaskId);
        Assert.Equal(task.TaskId, (await api.QueryByExternalIdAsync("ambiguous")).TaskId);
    }

    [Fact]
    public async Task A_truncated_body_declares_the_full_length_and_breaks_half_way()
    {
        using var emulator = NewEmulator();
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        emulator.Faults.Add(KlingEmulatorEndpoint.Query, KlingEmulatorFault.TruncatedBody());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RawApi.Route}/{id}");
        request.Headers.Authorization = new("Bearer", KlingEmulator.DefaultApiKey);

        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var declared = response.Content.Headers.ContentLength;
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var error = await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(declared);
        Assert.Equal(declared / 2, received.Length);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(received.ToArray()));
        Assert.Contains("ended prematurely", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_body_fails_a_buffered_read_with_HttpRequestException()
    {
        using var emulator = NewEmulator();
        emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.TruncatedBody());
        using var api = new RawApi(emulator);

        await Assert.ThrowsAsync<HttpRequestException>(() => api.ListAsync());
    }

    [Fact]
    public void Fault_descriptions_say_what_they_do()
    {
        Assert.Equal(
            "HTTP 429, Kling code 1303, Retry-After 2 s",
            KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "x").WithRetryAfter(TimeSpan.FromSeconds(2)).ToString());
        Assert.Equal("connection dropped after processing", KlingEmulatorFault.DropAfterProcessing().ToString());
        Assert.Equal("latency, after 1.5 s", KlingEmulatorFault.Delay(TimeSpan.FromSeconds(1.5)).ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), KlingEmulatorFault.Html().WithRetryAfter(TimeSpan.FromSeconds(2)).WithLatency(TimeSpan.FromSeconds(1)).RetryAfter);
    }

    [Fact]
    public void Bad_fault_scripts_are_refused()
    {
        using var emulator = NewEmulator();
        var fault = KlingEmulatorFault.None();

        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Faults.Add(KlingEmulatorEndpoint.Create, fault, onCall: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Faults.Add(KlingEmulatorEndpoint.Create, fault, times: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Faults.Add((KlingEmulatorEndpoint)99, fault));
        Assert.Throws<ArgumentNullException>(() => emulator.Faults.Add(KlingEmulatorEndpoint.Create, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => fault.WithRetryAfter(TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, emulator.Faults.Count);
    }
}

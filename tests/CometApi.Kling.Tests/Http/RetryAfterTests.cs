using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Tests.Http;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<KlingApiException> FailWith(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter)
    {
        var handler = new Infrastructure.CapturingHandler(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.RetryAfter = retryAfter;
            return response;
        });
        var client = new KlingClient(new HttpClient(handler), new KlingClientOptions { ApiKey = "sk-r", TimeProvider = new FakeTimeProvider(Now), Resilience = { MaxRetryAttempts = 0 } });
        return await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_exposed_on_the_exception()
    {
        var error = await FailWith(HttpStatusCode.TooManyRequests, """{"code":1302,"message":"slow down"}""", new RetryConditionHeaderValue(TimeSpan.FromSeconds(42)));

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_measured_from_the_options_clock()
    {
        var error = await FailWith(HttpStatusCode.ServiceUnavailable, """{"code":5001,"message":"maintenance"}""", new RetryConditionHeaderValue(Now.AddMinutes(2)));

        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
    }

    [Fact]
    public async Task Retry_After_with_a_date_in_the_past_means_now()
    {
        var error = await FailWith(HttpStatusCode.ServiceUnavailable, """{"code":5001}""", new RetryConditionHeaderValue(Now.AddMinutes(-5)));

        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }

    [Fact]
    public async Task Retry_After_is_kept_on_errors_whose_body_is_not_json()
    {
        var error = await FailWith(HttpStatusCode.ServiceUnavailable, "<html><title>down</title></html>", new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task No_Retry_After_header_leaves_it_null()
    {
        var error = await FailWith(HttpStatusCode.TooManyRequests, """{"code":1303}""", retryAfter: null);

        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void A_negative_Retry_After_given_to_the_constructor_is_read_as_zero()
    {
        var error = new KlingApiException("x", HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(-3));

        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }
}

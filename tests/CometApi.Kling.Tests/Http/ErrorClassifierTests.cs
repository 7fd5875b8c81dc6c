using System.Net;
using CometApi.Kling.Http;

namespace CometApi.Kling.Tests.Http;

/// <summary>
/// The retryability table's edges, asked directly: a Retry-After exactly at the cap is honoured (API and download
/// errors alike), an unreadable one never is, and only a 1201 that is about the external id means "it already exists".
/// </summary>
public class ErrorClassifierTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(0, true)]
    public void Api_error_with_a_Retry_After_is_transient_up_to_and_including_the_cap(int seconds, bool transient)
    {
        var error = new KlingApiException("busy", HttpStatusCode.TooManyRequests, code: 1303, isRetryable: true, retryAfter: TimeSpan.FromSeconds(seconds));

        Assert.Equal(transient, KlingErrorClassifier.IsTransient(error, Cap));
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Download_error_with_a_Retry_After_is_transient_up_to_and_including_the_cap(int seconds, bool transient)
    {
        var error = new KlingDownloadException("busy", HttpStatusCode.ServiceUnavailable, isRetryable: true) { RetryAfter = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(transient, KlingErrorClassifier.IsTransient(error, Cap));
    }

    [Fact]
    public void Download_error_with_an_unreadable_Retry_After_is_not_transient()
    {
        var error = new KlingDownloadException("busy", HttpStatusCode.ServiceUnavailable, isRetryable: true) { RetryAfterUnreadable = true };

        Assert.False(KlingErrorClassifier.IsTransient(error, Cap));
    }

    [Theory]
    [InlineData("external_task_id already exists")]
    [InlineData("duplicate external_task_id: order-42")]
    [InlineData("External_Task_Id must be unique")]
    public void A_1201_about_the_external_id_being_taken_means_the_task_exists(string message)
    {
        Assert.True(KlingErrorClassifier.IsDuplicateExternalId(Refused(1201, message)));
    }

    [Theory]
    [InlineData("the image does not exist")]
    [InlineData("duplicate field: prompt")]
    [InlineData("external_task_id is too long")]
    [InlineData("model_name must be unique per request")]
    public void A_1201_about_anything_else_is_a_plain_refusal(string message)
    {
        Assert.False(KlingErrorClassifier.IsDuplicateExternalId(Refused(1201, message)));
    }

    [Fact]
    public void Only_code_1201_can_mean_the_external_id_is_taken()
    {
        Assert.False(KlingErrorClassifier.IsDuplicateExternalId(Refused(1200, "external_task_id already exists")));
    }

    [Theory]
    [InlineData(1002, "invalid")]
    [InlineData(1003, "not valid yet")]
    [InlineData(1004, "expired")]
    [InlineData(1202, "method is invalid")]
    [InlineData(1300, "policy")]
    public void Each_documented_code_has_its_own_advice(int code, string expected)
    {
        Assert.Contains(expected, KlingErrorClassifier.Describe(code), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.SecureConnectionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.Unknown, false)]
    public void Only_failures_before_the_request_was_written_prove_nothing_was_processed(HttpRequestError kind, bool notProcessed)
    {
        // Refused, unresolved and failed-TLS connections never carried the body; a cut answer may follow a made task.
        var error = new KlingConnectionException("failed", new HttpRequestException(kind, "failed"));

        Assert.Equal(notProcessed, KlingErrorClassifier.IsNotProcessed(error));
    }

    private static KlingApiException Refused(int code, string message) =>
        new("refused", HttpStatusCode.BadRequest, code: code, serverMessage: message);
}

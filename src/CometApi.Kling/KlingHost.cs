namespace CometApi.Kling;

/// <summary>
/// Which Kling API a client talks to. The host sets the defaults of <see cref="KlingClientOptions.BaseAddress"/>,
/// <see cref="KlingClientOptions.RoutePrefix"/> and <see cref="KlingClientOptions.ValidationLimits"/>, and how a task is
/// looked up by its external id; a gateway that copies Kling's API is one of these with its own address and prefix.
/// </summary>
public enum KlingHost
{
    /// <summary>CometAPI (<c>https://api.cometapi.com/</c>, routes under <c>kling/v1/</c>, CometAPI's limits); the default.</summary>
    CometApi = 0,

    /// <summary>
    /// Kling's own API (<c>https://api-singapore.klingai.com/</c>, routes under <c>v1/</c>, Kling's limits), with a Kling
    /// API key or an access key + secret key.
    /// </summary>
    Official = 1,
}

namespace CometApi.Kling.Testing.Internal;

/// <summary>What the engine answers; the doors turn it into an HTTP response (or a broken connection).</summary>
internal sealed class EngineResponse(int statusCode, byte[] body, string? contentType)
{
    public int StatusCode { get; } = statusCode;

    public byte[] Body { get; } = body;

    public string? ContentType { get; } = contentType;

    /// <summary>Response headers other than Content-Type and Content-Length (which the doors derive).</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public EngineDisposition Disposition { get; set; } = EngineDisposition.Send;

    public static EngineResponse Dropped() => new(0, [], null) { Disposition = EngineDisposition.Drop };
}

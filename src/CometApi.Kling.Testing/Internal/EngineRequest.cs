namespace CometApi.Kling.Testing.Internal;

/// <summary>A request as either door hands it to the engine: nothing HTTP-stack specific.</summary>
internal sealed record EngineRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public bool IsHead => string.Equals(Method, "HEAD", StringComparison.OrdinalIgnoreCase);
}

using System.Text.Json.Serialization.Metadata;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// What a block's <c>MyJsonContext</c> is: a reader's own context, here a resolver that knows no SDK type, so a block
/// that chains it after <c>KlingJson.TypeInfoResolver</c> is served by the SDK for the SDK's models.
/// </summary>
public sealed class UserJsonContextStandIn
{
    /// <summary>The context's resolver, as <c>MyJsonContext.Default</c> is.</summary>
    public IJsonTypeInfoResolver Default { get; } = new DefaultJsonTypeInfoResolver();
}

namespace CometApi.Kling.AspNetCore.Tests;

/// <summary>Tests over real sockets and real time, run alone: parallel tests on 2 cores can starve their thread pool.</summary>
[CollectionDefinition(nameof(RealSocketsGroup), DisableParallelization = true)]
public sealed class RealSocketsGroup;

namespace CometApi.Kling.Testing.Tests.Infrastructure;

/// <summary>One emulator reached through either door: in-process (its handler) or over loopback HTTP (Kestrel).</summary>
internal sealed class Door : IAsyncDisposable
{
    private readonly KlingEmulatorServer? _server;

    private Door(KlingEmulator emulator, KlingEmulatorServer? server)
    {
        Emulator = emulator;
        _server = server;
    }

    public KlingEmulator Emulator { get; }

    public static async Task<Door> OpenAsync(bool overSocket, KlingEmulatorOptions options)
    {
        if (!overSocket)
        {
            return new Door(new KlingEmulator(options), null);
        }

        var server = await KlingEmulator.StartServerAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        return new Door(server.Emulator, server);
    }

    /// <summary>A raw client on <paramref name="route"/>, through this door.</summary>
    public RawApi Api(string route, string? apiKey = KlingEmulator.DefaultApiKey) =>
        _server is null
            ? new RawApi(Emulator, apiKey) { RoutePath = route }
            : new RawApi(new HttpClientHandler(), _server.BaseAddress, apiKey) { RoutePath = route };

    /// <summary>A plain client for result URLs (the in-process host resolves only through the emulator's handler).</summary>
    public HttpClient Download() => _server is null ? new HttpClient(Emulator.CreateHandler()) : new HttpClient();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        else
        {
            Emulator.Dispose();
        }
    }
}

using Microsoft.AspNetCore.Builder;

namespace CometApi.Kling.Testing;

/// <summary>
/// A <see cref="KlingEmulator"/> served over real HTTP on the loopback interface (Kestrel), for the CLI, non-.NET tools
/// and tests that must cross a socket. Dispose it to stop the server and the emulator.
/// </summary>
public sealed class KlingEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lazy<HttpClient> _httpClient;
    private int _disposed;

    internal KlingEmulatorServer(WebApplication app, KlingEmulator emulator, Uri baseAddress)
    {
        _app = app;
        Emulator = emulator;
        BaseAddress = baseAddress;

        // One real socket client per server, so CreateClient does not open a connection pool per call.
        _httpClient = new Lazy<HttpClient>(() => new HttpClient());
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>; use it as <see cref="KlingClientOptions.BaseAddress"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The emulator behind the server: its tasks, recorded requests and fault script.</summary>
    public KlingEmulator Emulator { get; }

    /// <summary>The Kestrel host's services, for tests of how the host is set up.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>
    /// Creates a <see cref="KlingClient"/> that talks to this server over real loopback HTTP (unlike
    /// <see cref="KlingEmulator.CreateClient"/>, which skips the socket), with the emulator's key and clock.
    /// </summary>
    /// <param name="configure">Changes the options after the emulator's defaults were applied.</param>
    /// <returns>The client; it stays usable until the server is disposed.</returns>
    public KlingClient CreateClient(Action<KlingClientOptions>? configure = null) =>
        new(_httpClient.Value, Emulator.CreateClientOptions(BaseAddress, configure));

    /// <summary>Stops the server (open connections are closed) and disposes the emulator.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Idle keep-alive connections would otherwise hold a graceful shutdown for the host's default 30 s.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timed out: the connections are aborted by DisposeAsync below.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_httpClient.IsValueCreated)
        {
            _httpClient.Value.Dispose();
        }

        Emulator.Dispose();
    }
}

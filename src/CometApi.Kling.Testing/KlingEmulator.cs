using CometApi.Kling.Testing.Internal;

namespace CometApi.Kling.Testing;

/// <summary>
/// An in-process fake of the CometAPI Kling task endpoints (<see cref="Routes"/>), or of Kling's own host with
/// <see cref="KlingEmulatorOptions.Host"/>, behaving as docs/kling-api.md and docs/kling-catalogue.md document the
/// service: Bearer auth (and access-key JWTs on the official host), server-side validation, the task
/// lifecycle on a <see cref="TimeProvider"/>, external ids, paging, callbacks and result videos, plus scriptable faults
/// and a record of every request. Use it through
/// <see cref="CreateClient"/> / <see cref="CreateHandler"/> (no socket), or over loopback HTTP with
/// <see cref="StartServerAsync"/>. Thread-safe.
/// </summary>
/// <example><code>
/// var clock = new FakeTimeProvider();
/// using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = clock });
/// var client = emulator.CreateClient();
/// var created = await client.CreateImageToVideoAsync(request);
/// clock.Advance(TimeSpan.FromSeconds(5));      // submitted (1 s) -> processing (4 s) -> succeed
/// var done = await client.WaitForCompletionAsync(created);
/// </code></example>
public sealed class KlingEmulator : IDisposable
{
    /// <summary>The API key the emulator accepts by default, and that <see cref="CreateClient"/> sends.</summary>
    public const string DefaultApiKey = "sk-kling-emulator";

    /// <summary>
    /// The access key the emulator accepts by default on the official host (<see cref="KlingEmulatorOptions.AccessKeys"/>);
    /// a public test value, signed with <see cref="DefaultSecretKey"/>.
    /// </summary>
    public const string DefaultAccessKey = "ak-kling-emulator";

    /// <summary>The secret key of <see cref="DefaultAccessKey"/>: a public test value, never a real secret.</summary>
    public const string DefaultSecretKey = "sk-kling-emulator-secret";

    private readonly EmulatorEngine _engine;

    /// <summary>Creates an emulator.</summary>
    /// <param name="options">How it behaves; <see langword="null"/> means the defaults (system clock, 1 s submitted, 4 s processing).</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public KlingEmulator(KlingEmulatorOptions? options = null)
    {
        _engine = new EmulatorEngine(new EmulatorSettings(options ?? new KlingEmulatorOptions()), DefaultBaseAddress);
    }

    /// <summary>The address used in handler mode: <c>http://kling-emulator.local/</c> (it resolves nowhere; only the emulator's handler answers it).</summary>
    public static Uri DefaultBaseAddress { get; } = new("http://kling-emulator.local/");

    /// <summary>
    /// The routes (task kinds) the emulator serves under <c>kling/v1/</c> (or <c>v1/</c> on the official host,
    /// <see cref="KlingEmulatorOptions.Host"/>), e.g. <c>videos/image2video</c> and <c>videos/text2video</c>. Each has the same create, query, lookup by external id and list endpoints, its own
    /// request checks, and sees only its own tasks.
    /// </summary>
    public static IReadOnlyList<string> Routes => TaskKinds.Routes;

    /// <summary>
    /// The emulator's address: <see cref="DefaultBaseAddress"/>, or the loopback address once served by
    /// <see cref="StartServerAsync"/>. Result video URLs point here.
    /// </summary>
    public Uri BaseAddress => _engine.BaseAddress;

    /// <summary>The API the emulator copies (<see cref="KlingEmulatorOptions.Host"/>).</summary>
    public KlingHost Host => _engine.Host;

    /// <summary>The clock that drives the emulator (from <see cref="KlingEmulatorOptions.TimeProvider"/>).</summary>
    public TimeProvider TimeProvider => _engine.TimeProvider;

    /// <summary>The fault script: which endpoint call fails, and how.</summary>
    public KlingEmulatorFaults Faults => _engine.Faults;

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<KlingEmulatorRequest> Requests => _engine.Requests;

    /// <summary>A snapshot of every task, oldest first, with each status as of now on <see cref="TimeProvider"/>.</summary>
    public IReadOnlyList<KlingEmulatorTask> Tasks => _engine.Tasks;

    /// <summary>A snapshot of the callbacks delivered (or attempted) so far, in completion order.</summary>
    public IReadOnlyList<KlingEmulatorCallbackDelivery> CallbackDeliveries => _engine.CallbackDeliveries;

    internal EmulatorEngine Engine => _engine;

    /// <summary>Starts a new emulator behind a Kestrel server on <c>127.0.0.1</c>.</summary>
    /// <param name="options">How the emulator behaves.</param>
    /// <param name="port">The port; 0 picks a free one (read it from <see cref="KlingEmulatorServer.BaseAddress"/>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    /// <exception cref="IOException">The port is in use.</exception>
    /// <remarks>
    /// The server takes no process signals: Ctrl+C and SIGTERM end your program as they would without it (the port is
    /// freed with the process). To dispose the server first, stop on them in your program, e.g. a
    /// <c>PosixSignalRegistration</c> for SIGTERM and <c>Console.CancelKeyPress</c> that cancel what awaits.
    /// </remarks>
    public static async Task<KlingEmulatorServer> StartServerAsync(KlingEmulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var emulator = new KlingEmulator(options);
        try
        {
            return await EmulatorServerHost.StartAsync(emulator, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>Creates a handler that answers every request in-process; it ignores the host, so any base address works.</summary>
    /// <returns>A new handler; disposing it does not affect the emulator.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpMessageHandler(_engine);

    /// <summary>
    /// Creates a <see cref="KlingClient"/> wired to this emulator in-process: key <see cref="DefaultApiKey"/> (or the
    /// first configured key), <see cref="BaseAddress"/>, the emulator's <see cref="Host"/> and its clock.
    /// </summary>
    /// <param name="configure">Changes the options after those defaults were applied (e.g. another key).</param>
    /// <returns>The client.</returns>
    public KlingClient CreateClient(Action<KlingClientOptions>? configure = null) =>
        new(new HttpClient(CreateHandler()), CreateClientOptions(BaseAddress, configure));

    /// <summary>
    /// Waits until every callback whose status change has already happened has been delivered (or has failed). With a
    /// fake clock, advance it first: changes still in the future are not waited for.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when no delivery is in flight.</returns>
    public Task WaitForCallbacksAsync(CancellationToken cancellationToken = default) => _engine.WaitForCallbacksAsync(cancellationToken);

    /// <summary>Stops the scheduled callbacks and releases the callback client. Tasks and records stay readable.</summary>
    public void Dispose() => _engine.Dispose();

    internal KlingClientOptions CreateClientOptions(Uri baseAddress, Action<KlingClientOptions>? configure)
    {
        var options = new KlingClientOptions
        {
            Host = Host,
            ApiKey = _engine.ApiKeys.Contains(DefaultApiKey) || _engine.ApiKeys.Count == 0 ? DefaultApiKey : _engine.ApiKeys.First(),
            BaseAddress = baseAddress,
            AllowInsecureBaseAddress = true,
            TimeProvider = TimeProvider,
        };
        configure?.Invoke(options);
        return options;
    }
}

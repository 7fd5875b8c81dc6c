namespace CometApi.Kling.Testing.Internal;

/// <summary>How a door must deliver an <see cref="EngineResponse"/>.</summary>
internal enum EngineDisposition
{
    /// <summary>Send it as it is.</summary>
    Send,

    /// <summary>Close the connection without sending anything.</summary>
    Drop,

    /// <summary>Declare the full length, send half the body, close the connection.</summary>
    Truncate,
}

namespace CometApi.Kling.Testing;

/// <summary>What a request presented as <c>Authorization: Bearer …</c> (<see cref="KlingEmulatorAuthentication.Kind"/>).</summary>
public enum KlingEmulatorCredentialKind
{
    /// <summary>No usable credential: the header was missing, empty or not <c>Bearer &lt;value&gt;</c>.</summary>
    None = 0,

    /// <summary>An API key (CometAPI's, or Kling's own on the official host).</summary>
    ApiKey,

    /// <summary>A JWT signed with an access key's secret key (official host only; three dot-separated base64url parts).</summary>
    Jwt,
}

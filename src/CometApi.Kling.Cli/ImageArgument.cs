namespace CometApi.Kling.Cli;

/// <summary>Reads <c>--image</c>/<c>--image-tail</c>: an http(s) URL is sent as a link, anything else is a local file.</summary>
internal static class ImageArgument
{
    public static KlingImage? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? KlingImage.FromUrl(url)
            : KlingImage.FromFile(value);
    }
}

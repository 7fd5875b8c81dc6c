using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CometApi.Kling.Extensions.AI.Internal;

/// <summary>
/// Reads one value of <see cref="ImageGenerationOptions.AdditionalProperties"/> as the type its Kling field needs.
/// Values may be CLR values (<c>"face"</c>, <c>0.8</c>, <c>true</c>, a <see cref="Uri"/>, the SDK's own structs) or JSON
/// (<see cref="JsonElement"/>, <see cref="JsonNode"/>), as options deserialized from JSON carry. A value of the wrong
/// type adds a problem naming the key and returns <see langword="null"/>.
/// </summary>
internal readonly struct OptionValue
{
    private readonly string _key;
    private readonly object _value;
    private readonly string _path;
    private readonly List<KlingValidationError> _problems;

    public OptionValue(string key, object value, string path, List<KlingValidationError> problems)
    {
        _key = key;
        _value = Unwrap(value);
        _path = path;
        _problems = problems;
    }

    /// <summary>The element ids of an <c>element_list</c> given as <see cref="KlingElement"/>s or plain ids; <see langword="null"/> for any other shape (written as JSON then).</summary>
    public static IReadOnlyList<KlingElement>? Elements(object value) => value switch
    {
        IEnumerable<KlingElement> elements => elements.ToArray(),
        IEnumerable<long> ids => ids.Select(id => new KlingElement { ElementId = id }).ToArray(),
        IEnumerable<int> ids => ids.Select(id => new KlingElement { ElementId = id }).ToArray(),
        _ => null,
    };

    /// <summary>A text value: a string, or one of the SDK's string-like structs (<see cref="KlingAspectRatio"/>, ...).</summary>
    public string? String() => _value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
        KlingAspectRatio or KlingImageReference or KlingImageResolution or KlingModel => _value.ToString(),
        _ => Wrong("a string"),
    };

    /// <summary>A number (any numeric type, or a string in invariant culture).</summary>
    public double? Number() => _value switch
    {
        double number => number,
        float number => number,
        decimal number => (double)number,
        int number => number,
        long number => number,
        short number => number,
        byte number => number,
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => Wrong<double>("a number"),
    };

    /// <summary>A boolean (or the strings <c>true</c>/<c>false</c>).</summary>
    public bool? Boolean() => _value switch
    {
        bool flag => flag,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        string text when bool.TryParse(text, out var parsed) => parsed,
        _ => Wrong<bool>(_key.StartsWith("watermark", StringComparison.OrdinalIgnoreCase) ? "true, false or {\"enabled\": true|false}" : "true or false"),
    };

    /// <summary><c>watermark_info</c>: a <see cref="KlingWatermarkInfo"/>, a boolean, or the JSON object <c>{"enabled": true}</c>.</summary>
    public KlingWatermarkInfo? Watermark()
    {
        switch (_value)
        {
            case KlingWatermarkInfo info:
                return info;
            case JsonElement { ValueKind: JsonValueKind.Object } json
                when json.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return new KlingWatermarkInfo { Enabled = enabled.GetBoolean() };
        }

        return Boolean() is { } flag ? new KlingWatermarkInfo { Enabled = flag } : null;
    }

    /// <summary>An absolute URI (a <see cref="Uri"/> or a string).</summary>
    public Uri? AbsoluteUri() => _value switch
    {
        Uri { IsAbsoluteUri: true } uri => uri,
        string text when Uri.TryCreate(text, UriKind.Absolute, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.String } json when Uri.TryCreate(json.GetString(), UriKind.Absolute, out var parsed) => parsed,
        _ => WrongUri("an absolute URL"),
    };

    /// <summary>The value as JSON to write to the body as it is.</summary>
    public JsonNode? Json()
    {
        switch (_value)
        {
            case JsonElement json:
                return JsonNode.Parse(json.GetRawText());
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case int number:
                return JsonValue.Create(number);
            case long number:
                return JsonValue.Create(number);
            case decimal number:
                return JsonValue.Create(number);
            case double number when !double.IsNaN(number) && !double.IsInfinity(number):
                return JsonValue.Create(number);
            case float number when !float.IsNaN(number) && !float.IsInfinity(number):
                return JsonValue.Create(number);
            case Uri uri:
                return JsonValue.Create(uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString);
        }

        try
        {
            // Anything else goes through Microsoft.Extensions.AI's own serializer settings (source-generated contracts
            // first); a type without a contract (e.g. under native AOT) is reported rather than guessed.
            return JsonSerializer.SerializeToNode(_value, AIJsonUtilities.DefaultOptions.GetTypeInfo(_value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            _problems.Add(new KlingValidationError(_path, $"A {_value.GetType().Name} cannot be written as JSON ({ex.Message}); pass a string, number, boolean, JsonNode or JsonElement."));
            return null;
        }
    }

    // A JsonNode is read through its JsonElement form, so every reader handles one JSON shape.
    private static object Unwrap(object value)
    {
        if (value is not JsonNode node)
        {
            return value;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private string? Wrong(string expected)
    {
        _problems.Add(new KlingValidationError(_path, $"'{_key}' must be {expected} (was {Describe(_value)})."));
        return null;
    }

    private T? Wrong<T>(string expected)
        where T : struct
    {
        Wrong(expected);
        return null;
    }

    private Uri? WrongUri(string expected)
    {
        Wrong(expected);
        return null;
    }

    private static string Describe(object value) => value is JsonElement json
        ? $"JSON {json.ValueKind.ToString().ToLowerInvariant()} {Truncate(json.GetRawText())}"
        : $"a {value.GetType().Name} {Truncate(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)}";

    private static string Truncate(string text) => text.Length <= 60 ? $"'{text}'" : $"'{text.Substring(0, 60)}…'";
}

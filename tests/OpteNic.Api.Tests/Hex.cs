namespace OpteNic.Api.Tests;

/// <summary>Hex literals for golden vectors ("0C 01 70" → bytes); spaces are for the reader only.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}

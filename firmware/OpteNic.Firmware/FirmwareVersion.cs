namespace OpteNic.Firmware;

/// <summary>This firmware image's version (datasheet §3.1 <c>FirmwareVersion</c>).</summary>
public static class FirmwareVersion
{
    public const byte Major = 0;
    public const byte Minor = 1;
    public const byte Patch = 0;
    public const byte Build = 1;

    /// <summary>Register encoding: major &lt;&lt; 24 | minor &lt;&lt; 16 | patch &lt;&lt; 8 | build.</summary>
    public const uint Encoded = ((uint)Major << 24) | ((uint)Minor << 16) | ((uint)Patch << 8) | Build;

    /// <summary>Text form reported by the Info command.</summary>
    public static string Text => $"{Major}.{Minor}.{Patch}+build.{Build}";
}

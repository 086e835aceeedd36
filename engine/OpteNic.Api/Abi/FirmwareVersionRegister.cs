namespace OpteNic.Api.Abi;

/// <summary>
/// Encoding of the <see cref="Bar0.FirmwareVersion"/> register (datasheet §3.1), defined once so the firmware that
/// writes it and the host tools that print it agree: major &lt;&lt; 24 | minor &lt;&lt; 16 | patch &lt;&lt; 8 | build.
/// </summary>
public static class FirmwareVersionRegister
{
    public static uint Encode(byte major, byte minor, byte patch, byte build) =>
        ((uint)major << 24) | ((uint)minor << 16) | ((uint)patch << 8) | build;

    /// <summary>The text form both sides print, e.g. <c>0.1.0+build.1</c>.</summary>
    public static string Format(uint register) =>
        $"{register >> 24}.{(register >> 16) & 0xFF}.{(register >> 8) & 0xFF}+build.{register & 0xFF}";
}

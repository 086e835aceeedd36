using OpteNic.Api.Abi;

namespace OpteNic.Firmware;

/// <summary>This firmware image's version (datasheet §3.1 <c>FirmwareVersion</c>).</summary>
public static class FirmwareVersion
{
    public const byte Major = 0;
    public const byte Minor = 1;
    public const byte Patch = 0;
    public const byte Build = 1;

    /// <summary>Register encoding (<see cref="FirmwareVersionRegister"/>).</summary>
    public static uint Encoded { get; } = FirmwareVersionRegister.Encode(Major, Minor, Patch, Build);

    /// <summary>Text form reported by the Info command; the same text the host prints from the register.</summary>
    public static string Text { get; } = FirmwareVersionRegister.Format(Encoded);
}

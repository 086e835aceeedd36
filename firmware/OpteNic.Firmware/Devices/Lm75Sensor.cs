using System.Device.I2c;

namespace OpteNic.Firmware.Devices;

/// <summary>
/// Driver for the board's LM75-compatible temperature sensor over <see cref="I2cDevice"/> (datasheet §10): write the
/// register pointer, read two bytes, 9-bit two's complement in 0.5 °C steps, left-justified. A bus error is reported
/// as false, never thrown into the management loop.
/// </summary>
public sealed class Lm75Sensor
{
    private const byte TemperatureRegister = 0;

    private readonly I2cDevice _device;

    public Lm75Sensor(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
    }

    /// <summary>Reads the temperature in millidegrees Celsius.</summary>
    public bool TryReadMilliCelsius(out int milliCelsius)
    {
        Span<byte> pointer = [TemperatureRegister];
        Span<byte> raw = stackalloc byte[2];
        try
        {
            _device.WriteRead(pointer, raw);
        }
        catch (IOException)
        {
            milliCelsius = 0;
            return false;
        }

        // Arithmetic shift keeps the sign: the register's top 9 bits are half-degrees.
        var halves = (short)((raw[0] << 8) | raw[1]) >> 7;
        milliCelsius = halves * 500;
        return true;
    }
}

using System.Device.I2c;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// An LM75-compatible temperature sensor on the simulated I2C bus, as a register file behind <see cref="I2cDevice"/>
/// (the way dotnet/iot tests simulate chips). A one-byte write sets the register pointer; a longer write sets the
/// pointer then writes the register (most significant byte first); reads return the pointed register from its most
/// significant byte, wrapping within it. Temperatures are 9-bit two's complement in 0.5 °C steps, left-justified.
/// </summary>
public sealed class Lm75Device : I2cDevice
{
    private readonly I2cConnectionSettings _settings;
    private readonly Lock _lock = new();
    private Lm75Register _pointer = Lm75Register.Temperature;
    private ushort _temperature;
    private byte _configuration;
    private ushort _hysteresis = Encode(75.0);
    private ushort _overTemperature = Encode(80.0);

    public Lm75Device(int busId = 1, int address = 0x48, double initialCelsius = 40.0)
    {
        _settings = new I2cConnectionSettings(busId, address);
        Celsius = initialCelsius;
    }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>The die temperature the simulated environment imposes (rounded down to 0.5 °C when read).</summary>
    public double Celsius
    {
        get
        {
            lock (_lock)
            {
                return Decode(_temperature);
            }
        }

        set
        {
            lock (_lock)
            {
                _temperature = Encode(value);
            }
        }
    }

    /// <summary>Encodes °C as the LM75's 16-bit register value (9 significant bits, clamped to −55..125 °C).</summary>
    public static ushort Encode(double celsius)
    {
        var halves = (int)Math.Floor(Math.Clamp(celsius, -55.0, 125.0) * 2);
        return (ushort)((halves & 0x1FF) << 7);
    }

    /// <summary>Decodes a 16-bit register value to °C.</summary>
    public static double Decode(ushort raw) => ((short)raw >> 7) / 2.0;

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_lock)
        {
            if (_pointer == Lm75Register.Configuration)
            {
                buffer.Fill(_configuration);
                return;
            }

            var value = RegisterValue(_pointer);
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (i & 1) == 0 ? (byte)(value >> 8) : (byte)value;
            }
        }
    }

    public override void WriteByte(byte value)
    {
        Span<byte> one = [value];
        Write(one);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            // The chip decodes two pointer bits; the others are ignored.
            _pointer = (Lm75Register)(buffer[0] & 0x03);
            var data = buffer[1..];
            switch (_pointer)
            {
                case Lm75Register.Configuration when data.Length >= 1:
                    _configuration = data[0];
                    break;
                case Lm75Register.Hysteresis when data.Length >= 2:
                    _hysteresis = (ushort)(((data[0] << 8) | data[1]) & 0xFF80);
                    break;
                case Lm75Register.OverTemperature when data.Length >= 2:
                    _overTemperature = (ushort)(((data[0] << 8) | data[1]) & 0xFF80);
                    break;
                default:
                    // Temperature is read-only; short writes only move the pointer.
                    break;
            }
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private ushort RegisterValue(Lm75Register register) => register switch
    {
        Lm75Register.Temperature => _temperature,
        Lm75Register.Hysteresis => _hysteresis,
        Lm75Register.OverTemperature => _overTemperature,
        _ => 0,
    };
}

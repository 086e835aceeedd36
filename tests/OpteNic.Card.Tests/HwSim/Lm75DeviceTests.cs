using OpteNic.HwSim.Devices;

namespace OpteNic.Card.Tests.HwSim;

/// <summary>LM75 register-file semantics (datasheet §10).</summary>
public sealed class Lm75DeviceTests
{
    [Theory]
    [InlineData(25.0, 0x19, 0x00)]
    [InlineData(25.5, 0x19, 0x80)]
    [InlineData(0.5, 0x00, 0x80)]
    [InlineData(0.0, 0x00, 0x00)]
    [InlineData(-0.5, 0xFF, 0x80)]
    [InlineData(-25.0, 0xE7, 0x00)]
    [InlineData(-55.0, 0xC9, 0x00)]
    [InlineData(125.0, 0x7D, 0x00)]
    [InlineData(25.7, 0x19, 0x80)] // below the resolution: rounded down to 0.5 °C
    public void Temperature_register_is_9_bit_twos_complement_left_justified(double celsius, byte msb, byte lsb)
    {
        using var sensor = new Lm75Device(initialCelsius: celsius);
        Span<byte> raw = stackalloc byte[2];
        sensor.WriteRead([(byte)Lm75Register.Temperature], raw);
        Assert.Equal(msb, raw[0]);
        Assert.Equal(lsb, raw[1]);
    }

    [Fact]
    public void Power_on_thresholds_are_75_and_80_degrees()
    {
        using var sensor = new Lm75Device();
        Span<byte> raw = stackalloc byte[2];
        sensor.WriteRead([(byte)Lm75Register.Hysteresis], raw);
        Assert.Equal(75.0, Lm75Device.Decode((ushort)((raw[0] << 8) | raw[1])));
        sensor.WriteRead([(byte)Lm75Register.OverTemperature], raw);
        Assert.Equal(80.0, Lm75Device.Decode((ushort)((raw[0] << 8) | raw[1])));
    }

    [Fact]
    public void The_pointer_persists_across_reads_and_thresholds_and_configuration_are_writable()
    {
        using var sensor = new Lm75Device(initialCelsius: 30);
        sensor.Write([(byte)Lm75Register.OverTemperature, 0x5A, 0x80]); // 90.5 °C
        Span<byte> raw = stackalloc byte[2];
        sensor.Read(raw);
        Assert.Equal(0x5A, raw[0]);
        Assert.Equal(0x80, raw[1]);
        sensor.Read(raw);
        Assert.Equal(0x5A, raw[0]);

        sensor.Write([(byte)Lm75Register.Configuration, 0x01]);
        Assert.Equal(0x01, sensor.ReadByte());

        // The temperature register is read-only.
        sensor.Write([(byte)Lm75Register.Temperature, 0x00, 0x00]);
        sensor.Read(raw);
        Assert.Equal(30, raw[0]);
    }

    [Fact]
    public void Unused_low_bits_of_a_threshold_write_are_ignored()
    {
        using var sensor = new Lm75Device();
        sensor.Write([(byte)Lm75Register.Hysteresis, 0x10, 0xFF]);
        Span<byte> raw = stackalloc byte[2];
        sensor.Read(raw);
        Assert.Equal(0x80, raw[1]);
    }
}

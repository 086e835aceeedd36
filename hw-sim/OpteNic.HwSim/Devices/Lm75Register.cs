namespace OpteNic.HwSim.Devices;

/// <summary>LM75 register pointer values, named as in the data sheet.</summary>
public enum Lm75Register : byte
{
    /// <summary>Temperature, 9-bit two's complement, 0.5 °C per step, left-justified in 16 bits (read-only).</summary>
    Temperature = 0,
    /// <summary>Configuration, 8 bits (bit 0 shutdown).</summary>
    Configuration = 1,
    /// <summary>Hysteresis threshold, same format as temperature (power-on 75 °C).</summary>
    Hysteresis = 2,
    /// <summary>Over-temperature shutdown threshold, same format (power-on 80 °C).</summary>
    OverTemperature = 3,
}

namespace OpteNic.Hal;

/// <summary>Fixed wiring of the board's peripherals (datasheet §10).</summary>
public static class BoardPins
{
    /// <summary>GPIO pin of the link LED of wire port <paramref name="port"/> (active high).</summary>
    public static int LinkLed(int port) => 2 * port;

    /// <summary>GPIO pin of the activity LED of wire port <paramref name="port"/> (active high).</summary>
    public static int ActivityLed(int port) => (2 * port) + 1;

    /// <summary>I2C bus of the board temperature sensor.</summary>
    public const int TemperatureSensorBus = 1;

    /// <summary>I2C address of the LM75-compatible board temperature sensor.</summary>
    public const int TemperatureSensorAddress = 0x48;
}

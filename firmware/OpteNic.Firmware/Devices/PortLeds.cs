using System.Device.Gpio;
using OpteNic.Hal;

namespace OpteNic.Firmware.Devices;

/// <summary>
/// Link and activity LEDs of the wire ports (datasheet §10) through the board's <see cref="GpioController"/>: link on
/// while the link is up; activity toggles in each heartbeat period in which the port moved frames.
/// </summary>
public sealed class PortLeds
{
    private readonly GpioController _gpio;
    private readonly int _ports;

    public PortLeds(GpioController gpio, int ports)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        _ports = ports;
        for (var p = 0; p < ports; p++)
        {
            Open(BoardPins.LinkLed(p));
            Open(BoardPins.ActivityLed(p));
        }
    }

    /// <summary>Shows the link state of <paramref name="port"/>.</summary>
    public void ShowLink(int port, bool up)
    {
        if ((uint)port < (uint)_ports)
        {
            _gpio.Write(BoardPins.LinkLed(port), up ? PinValue.High : PinValue.Low);
        }
    }

    /// <summary>Blinks (toggles) the activity LED of <paramref name="port"/>, or turns it off when idle.</summary>
    public void ShowActivity(int port, bool active)
    {
        if ((uint)port >= (uint)_ports)
        {
            return;
        }

        var pin = BoardPins.ActivityLed(port);
        if (active)
        {
            _gpio.Write(pin, _gpio.Read(pin) == PinValue.High ? PinValue.Low : PinValue.High);
        }
        else
        {
            _gpio.Write(pin, PinValue.Low);
        }
    }

    private void Open(int pin)
    {
        if (!_gpio.IsPinOpen(pin))
        {
            _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        }
    }
}

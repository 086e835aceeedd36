using System.Device.Gpio;
using OpteNic.Hal;

namespace OpteNic.Firmware.Devices;

/// <summary>
/// Link and activity LEDs of the wire ports (datasheet §10) through the board's <see cref="GpioController"/>: link on
/// while the link is up; activity on during each heartbeat period in which the port moved frames, off when idle.
/// A pin is written only when its value changes: besides sparing the GPIO bus, <see cref="GpioController.Write(int, PinValue)"/>
/// allocates on every call (System.Device.Gpio 4.2), and the management loop must not feed the GC in steady state.
/// </summary>
public sealed class PortLeds
{
    private readonly GpioController _gpio;
    private readonly int _ports;
    // What each port's link (index 2p) and activity (2p + 1) LED shows now.
    private readonly PinValue[] _shown;

    public PortLeds(GpioController gpio, int ports)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        _ports = ports;
        _shown = new PinValue[2 * ports];
        for (var p = 0; p < ports; p++)
        {
            Open(BoardPins.LinkLed(p));
            Open(BoardPins.ActivityLed(p));
            _shown[2 * p] = PinValue.Low;
            _shown[(2 * p) + 1] = PinValue.Low;
        }
    }

    /// <summary>Shows the link state of <paramref name="port"/>.</summary>
    public void ShowLink(int port, bool up)
    {
        if ((uint)port < (uint)_ports)
        {
            Show(2 * port, BoardPins.LinkLed(port), up);
        }
    }

    /// <summary>Lights the activity LED of <paramref name="port"/> while it moves frames; dark when idle.</summary>
    public void ShowActivity(int port, bool active)
    {
        if ((uint)port < (uint)_ports)
        {
            Show((2 * port) + 1, BoardPins.ActivityLed(port), active);
        }
    }

    private void Show(int slot, int pin, bool on)
    {
        var value = on ? PinValue.High : PinValue.Low;
        if (_shown[slot] != value)
        {
            _gpio.Write(pin, value);
            _shown[slot] = value;
        }
    }

    private void Open(int pin)
    {
        if (!_gpio.IsPinOpen(pin))
        {
            _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        }
        else
        {
            _gpio.Write(pin, PinValue.Low);
        }
    }
}

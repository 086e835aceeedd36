using System.Device.Gpio;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// The board's GPIO block (LEDs) as a dotnet/iot <see cref="GpioDriver"/>, so the firmware drives it through the same
/// <see cref="GpioController"/> it would use on a board. Pins remember their mode and output value; tests read them
/// back, and count toggles to see activity blinking.
/// </summary>
public sealed class SimGpioDriver : GpioDriver
{
    private readonly PinMode[] _modes;
    private readonly PinValue[] _values;
    private readonly long[] _changes;

    public SimGpioDriver(int pinCount = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);
        _modes = new PinMode[pinCount];
        _values = new PinValue[pinCount];
        _changes = new long[pinCount];
        Array.Fill(_modes, PinMode.Input);
        Array.Fill(_values, PinValue.Low);
    }

    protected override int PinCount => _modes.Length;

    /// <summary>Output value of <paramref name="pin"/> as an LED would show it.</summary>
    public PinValue ValueOf(int pin) => _values[pin];

    /// <summary>Times <paramref name="pin"/> changed level.</summary>
    public long ChangesOf(int pin) => Interlocked.Read(ref _changes[pin]);

    protected override void OpenPin(int pinNumber) => CheckPin(pinNumber);

    protected override void ClosePin(int pinNumber) => CheckPin(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        CheckPin(pinNumber);
        _modes[pinNumber] = mode;
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        CheckPin(pinNumber);
        return _modes[pinNumber];
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        (uint)pinNumber < (uint)_modes.Length && (mode == PinMode.Input || mode == PinMode.Output);

    protected override PinValue Read(int pinNumber)
    {
        CheckPin(pinNumber);
        return _values[pinNumber];
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        CheckPin(pinNumber);
        if (_values[pinNumber] != value)
        {
            Interlocked.Increment(ref _changes[pinNumber]);
        }

        _values[pinNumber] = value;
    }

    protected override void Toggle(int pinNumber) => Write(pinNumber, _values[pinNumber] == PinValue.High ? PinValue.Low : PinValue.High);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the board's LED pins raise no events");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the board's LED pins raise no events");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the board's LED pins raise no events");

    private void CheckPin(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)_modes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), $"the board has {_modes.Length} GPIO pins");
        }
    }
}

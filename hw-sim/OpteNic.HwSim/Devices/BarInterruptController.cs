using OpteNic.Api.Abi;
using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// Interrupts of the file-backed card (datasheet §3.5): raising sets cause bits in BAR0 atomically; there is no
/// delivery to a file, so hosts poll (the mask is honoured by the host's own polling).
/// </summary>
public sealed class BarInterruptController : IInterruptController
{
    private readonly IRegisterBlock _bar;

    public BarInterruptController(IRegisterBlock bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        _bar = bar;
    }

    public void Raise(uint causeBits) => _bar.Or32(Bar0.InterruptCause, causeBits);
}

namespace OpteNic.Hal;

/// <summary>Raises interrupt causes towards the host (MSI-X on hardware; cause bits in BAR0 §3.5 in the simulator).</summary>
public interface IInterruptController
{
    /// <summary>Sets cause bits; delivery honours the host's mask.</summary>
    void Raise(uint causeBits);
}

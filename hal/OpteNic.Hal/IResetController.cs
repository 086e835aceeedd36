using OpteNic.Api.Abi;

namespace OpteNic.Hal;

/// <summary>The board's reset logic: why the card last came out of reset, and a way to reset it on purpose.</summary>
public interface IResetController
{
    /// <summary>Cause latched by the reset logic for the current boot.</summary>
    ResetCause LastResetCause { get; }

    /// <summary>Boots since power-on, counting the current one.</summary>
    uint BootCount { get; }

    /// <summary>Asks the board to reset the whole card; the next boot reports <paramref name="cause"/>.</summary>
    void RequestSystemReset(ResetCause cause);
}

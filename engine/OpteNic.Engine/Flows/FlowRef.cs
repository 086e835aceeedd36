namespace OpteNic.Engine.Flows;

/// <summary>
/// A link from one flow entry to another (UFT → LFT parent, UFT → TCP entry): a slot plus the slot's generation, so a
/// removed-and-reused slot is recognised as a different entry. Default is "no link".
/// </summary>
public readonly record struct FlowRef(int Slot, uint Generation)
{
    /// <summary>True when this names an entry (generations start at 1).</summary>
    public bool IsSet => Generation != 0;
}

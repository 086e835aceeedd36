namespace OpteNic.Packets.Transforms;

/// <summary>What a header transformation does to one header slot.</summary>
public enum HeaderAction : byte
{
    /// <summary>Leave the slot as it is.</summary>
    Ignore = 0,
    /// <summary>Insert a complete new header in this slot (the slot must be empty).</summary>
    Push = 1,
    /// <summary>Remove the header in this slot (it must be present).</summary>
    Pop = 2,
    /// <summary>Rewrite some fields of the header in this slot (it must be present).</summary>
    Modify = 3,
}

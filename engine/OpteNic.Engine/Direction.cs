namespace OpteNic.Engine;

/// <summary>Which way a packet crosses a port. Layer order is the outbound order; inbound walks it reversed.</summary>
public enum Direction : byte
{
    /// <summary>From the guest towards the network.</summary>
    Outbound = 0,
    /// <summary>From the network towards the guest.</summary>
    Inbound = 1,
}

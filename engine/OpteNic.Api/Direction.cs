namespace OpteNic.Api;

/// <summary>
/// Direction as carried in commands (firewall rules, rule removal, CIDR allow/remove). Wire form: enum
/// <c>In = 0, Out = 1</c>. Distinct from the engine's per-packet direction, which the firmware maps to.
/// </summary>
public enum Direction : byte
{
    /// <summary>From the network towards the guest.</summary>
    In = 0,
    /// <summary>From the guest towards the network.</summary>
    Out = 1,
}

namespace OpteNic.Engine;

/// <summary>Why a layer denied a packet.</summary>
public enum DenyReason : byte
{
    /// <summary>Not a layer deny.</summary>
    None = 0,
    /// <summary>An action (e.g. a stateful action out of resources, or a meta action) denied it.</summary>
    Action,
    /// <summary>No rule matched and the layer's default action is deny.</summary>
    Default,
    /// <summary>A deny rule matched.</summary>
    Rule,
}

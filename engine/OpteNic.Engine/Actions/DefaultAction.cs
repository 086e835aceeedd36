namespace OpteNic.Engine.Actions;

/// <summary>What a layer does with a packet no rule matched.</summary>
public enum DefaultAction : byte
{
    /// <summary>Pass without a flow entry.</summary>
    Allow,
    /// <summary>Pass and create an LFT pair (so the reply direction passes too).</summary>
    StatefulAllow,
    /// <summary>Drop (counted as a layer deny with reason "default").</summary>
    Deny,
}

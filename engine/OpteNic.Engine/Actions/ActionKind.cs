namespace OpteNic.Engine.Actions;

/// <summary>The kinds of rule action (behaviour §1 "Actions").</summary>
public enum ActionKind : byte
{
    /// <summary>Pass; no flow entry.</summary>
    Allow,
    /// <summary>Pass and create an LFT pair with a no-op descriptor.</summary>
    StatefulAllow,
    /// <summary>Drop.</summary>
    Deny,
    /// <summary>A header transformation produced on every slow-path pass; no LFT entry, but kept in the UFT entry.</summary>
    Static,
    /// <summary>A descriptor stored in both LFTs that yields the transformation per direction.</summary>
    Stateful,
    /// <summary>Build a reply packet sent back the way this one came; drop the original.</summary>
    Hairpin,
    /// <summary>Change pipeline metadata only, then allow or deny.</summary>
    Meta,
    /// <summary>Hand the packet to the network definition, outside the flow model.</summary>
    HandlePacket,
}

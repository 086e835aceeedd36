namespace OpteNic.Engine.Actions;

/// <summary>The network definition's answer to a <see cref="HandlePacketAction"/>.</summary>
public enum HandlePacketVerdict : byte
{
    /// <summary>Continue through the layers.</summary>
    Allow,
    /// <summary>Drop (counted as drop_handle_pkt).</summary>
    Deny,
    /// <summary>The reply buffer holds a reply to send back; drop the original.</summary>
    Hairpin,
}

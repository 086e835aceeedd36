namespace OpteNic.Api.Vpc;

/// <summary>What a firewall rule does on match. Wire form: enum <c>Allow = 0, Deny = 1</c>. Allow becomes a
/// stateful allow in the firewall layer.</summary>
public enum FirewallAction : byte
{
    /// <summary>Pass (statefully: the reply direction is allowed too).</summary>
    Allow = 0,
    /// <summary>Drop.</summary>
    Deny = 1,
}

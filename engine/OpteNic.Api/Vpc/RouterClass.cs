namespace OpteNic.Api.Vpc;

/// <summary>Who owns a router entry. Wire form: enum <c>System = 0, Custom = 1</c>. Custom entries win ties of
/// equal prefix length.</summary>
public enum RouterClass : byte
{
    /// <summary>Installed by the control plane for the VPC itself.</summary>
    System = 0,
    /// <summary>Installed by a user's custom router.</summary>
    Custom = 1,
}

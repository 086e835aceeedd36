namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// What a responder did with a guest frame. Only <see cref="Reply"/> produced bytes; every other value is a drop the
/// gateway layer counts under its own reason, so a guest's bad request is visible without ever throwing.
/// </summary>
public enum HairpinVerdict : byte
{
    /// <summary>A reply was written; send it back to the guest and drop the request.</summary>
    Reply = 0,
    /// <summary>The frame is not a request this responder answers (other target, other message type).</summary>
    NotApplicable = 1,
    /// <summary>The request is truncated or violates its protocol's validity rules.</summary>
    Malformed = 2,
    /// <summary>A valid request that deliberately gets no answer (e.g. DAD probe for the guest's own address).</summary>
    Suppressed = 3,
    /// <summary>The caller's buffer cannot hold the reply.</summary>
    BufferTooSmall = 4,
    /// <summary>The port has no configuration for this address family.</summary>
    NotConfigured = 5,
}

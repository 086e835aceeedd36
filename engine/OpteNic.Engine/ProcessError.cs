namespace OpteNic.Engine;

/// <summary>Why a packet could not be processed at all (counted as process_err).</summary>
public enum ProcessError : byte
{
    /// <summary>Not an error.</summary>
    None = 0,
    /// <summary>The port is not running.</summary>
    BadState,
    /// <summary>A header transformation could not be applied (e.g. no headroom to push).</summary>
    TransformFailed,
    /// <summary>A hairpin reply could not be built into the buffer.</summary>
    HairpinFailed,
    /// <summary>The port has too many layers for its fixed per-flow storage.</summary>
    TooManyLayers,
}

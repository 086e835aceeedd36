namespace OpteNic.Api.Wire;

/// <summary>Outcome of encoding into a fixed buffer.</summary>
/// <param name="BytesRequired">Size of the whole encoding (written when it fits, needed when it does not).</param>
/// <param name="Fits">True when the encoding was written completely.</param>
public readonly record struct PostcardWriteResult(long BytesRequired, bool Fits);

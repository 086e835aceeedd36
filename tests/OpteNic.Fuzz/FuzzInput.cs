namespace OpteNic.Fuzz;

/// <summary>One fuzz target: runs an input, throws only when the code under test misbehaves.</summary>
public delegate void FuzzInput(ReadOnlySpan<byte> input);

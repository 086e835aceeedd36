namespace OpteNic.Engine.Metadata;

/// <summary>One interned key/value pair of <see cref="PacketMetadata"/>.</summary>
public readonly record struct MetadataPair(ushort Key, ushort Value);

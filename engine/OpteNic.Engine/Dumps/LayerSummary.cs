namespace OpteNic.Engine.Dumps;

/// <summary>One row of list-layers.</summary>
public sealed record LayerSummary(string Name, int InboundRules, int OutboundRules, int Flows, string DefaultInbound, string DefaultOutbound);

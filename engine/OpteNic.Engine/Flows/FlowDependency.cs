namespace OpteNic.Engine.Flows;

/// <summary>
/// A flow's dependency on shared state outside the port: the stripe of a <see cref="FlowDependencyVersions"/> table
/// and the stripe's version when the slow path read that state. A UFT entry (or LFT pair) carrying it stays on the
/// fast path only while the stripe still has that version. Default is "no dependency".
/// </summary>
/// <param name="Stripe">Index of the version stripe (0 ≤ stripe &lt; <see cref="FlowDependencyVersions.StripeCount"/>).</param>
/// <param name="Version">The stripe's version observed before the shared state was read.</param>
public readonly record struct FlowDependency(int Stripe, uint Version);

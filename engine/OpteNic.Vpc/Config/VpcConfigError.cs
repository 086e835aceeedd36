namespace OpteNic.Vpc.Config;

/// <summary>The first check a VPC port configuration failed, with a message naming the offending value.</summary>
public sealed record VpcConfigError(VpcConfigErrorKind Kind, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}

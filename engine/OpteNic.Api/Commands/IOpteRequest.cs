namespace OpteNic.Api.Commands;

/// <summary>A decoded command request, as the firmware's dispatcher sees it.</summary>
public interface IOpteRequest
{
    /// <summary>The command code this request is sent with.</summary>
    OpteCmd Command { get; }
}

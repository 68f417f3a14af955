namespace Chatbot.Channels.Teams;

/// <summary>The parts of Teams' <c>channelData</c> a bot routes on; a field is null when Teams did not send it.</summary>
/// <param name="TenantId">channelData.tenant.id (falls back to conversation.tenantId).</param>
/// <param name="TeamId">channelData.team.id (team and channel conversations only).</param>
/// <param name="TeamName">channelData.team.name.</param>
/// <param name="ChannelId">channelData.channel.id — the Teams channel, not the Bot Framework channelId.</param>
/// <param name="ChannelName">channelData.channel.name (absent for the General channel).</param>
/// <param name="EventType">channelData.eventType, e.g. <c>teamMemberAdded</c>, <c>channelCreated</c>.</param>
internal sealed record TeamsChannelData(
    string? TenantId,
    string? TeamId,
    string? TeamName,
    string? ChannelId,
    string? ChannelName,
    string? EventType);

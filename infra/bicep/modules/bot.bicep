// The Azure Bot registration: the channels (Teams, Direct Line, Web Chat) deliver activities to the Function App's
// /api/messages and accept replies signed with the user-assigned identity's token (msaAppType UserAssignedMSI).

@description('Bot resource name (globally unique handle).')
param name string

@description('Name shown to users.')
param displayName string

@description('Bot Service pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param sku string

@description('Tags applied to every resource.')
param tags object

@description('Messaging endpoint, https://<function host>/api/messages.')
param endpoint string

@description('Client id of the user-assigned identity (the bot\'s app id).')
param identityClientId string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Tenant of the user-assigned identity.')
param identityTenantId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Bot registrations are global resources.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: identityTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
        }
      ]
    }
  }
}

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

@description('Bot resource name.')
output name string = bot.name

@description('Channels enabled on the bot.')
output channels array = [
  teams.name
  directLine.name
  webChat.name
]

// The one identity the bot runs as: the Function App, the Azure Bot registration (UserAssignedMSI) and every
// data-plane role assignment use it, so no keys or passwords exist anywhere.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id (the Bot registration names it as msaAppMSIResourceId).')
output id string = identity.id

@description('Client id: the bot\'s Microsoft App Id and AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId

@description('Object id of the service principal, for role assignments.')
output principalId string = identity.properties.principalId

@description('Tenant of the identity (MicrosoftAppTenantId).')
output tenantId string = identity.properties.tenantId

// Azure OpenAI for understanding and phrasing. Keys are disabled; the bot's identity gets "Cognitive Services OpenAI User".

@description('Azure OpenAI account name; also its custom subdomain.')
param name string

@description('Azure region (must offer the chosen model).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Deployment name the app calls (AzureOpenAI__Deployment).')
param deploymentName string

@description('Model name, e.g. gpt-4o-mini.')
param modelName string

@description('Model version, e.g. 2024-07-18.')
param modelVersion string

@description('Deployment SKU, e.g. GlobalStandard or Standard.')
param deploymentSku string

@description('Capacity in thousands of tokens per minute.')
@minValue(1)
param capacity int

@description('Object id of the identity that calls the model.')
param principalId string

// Cognitive Services OpenAI User: inference only, no management.
var openAiUserRoleId = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSku
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, openAiUserRoleId)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRoleId)
  }
}

@description('Endpoint (AzureOpenAI__Endpoint).')
output endpoint string = account.properties.endpoint

@description('Deployment name (AzureOpenAI__Deployment).')
output deploymentName string = deployment.name

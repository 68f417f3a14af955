// Everything the Chatbot needs in Azure, deployed by `azd up` (or `az deployment sub create`).
// One resource group; one user-assigned identity that the Function App runs as, the Bot registration signs with,
// and that holds every data-plane role. No keys, passwords or connection secrets are created or output.
targetScope = 'subscription'

@description('azd environment name; names the resource group and seeds resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every regional resource.')
@minLength(1)
param location string

@description('Resource group name; empty = rg-<environmentName>.')
param resourceGroupName string = ''

@description('Name users see for the bot in Teams and Web Chat.')
param botDisplayName string = 'Chatbot'

@description('Azure Bot pricing tier: F0 (free) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Azure OpenAI region; some models are only offered in some regions.')
param openAiLocation string = location

@description('Azure OpenAI deployment name the app calls.')
param openAiDeploymentName string = 'chat'

@description('Azure OpenAI model name.')
param openAiModelName string = 'gpt-4o-mini'

@description('Azure OpenAI model version.')
param openAiModelVersion string = '2024-07-18'

@description('Azure OpenAI deployment SKU (GlobalStandard, Standard, DataZoneStandard).')
param openAiDeploymentSku string = 'GlobalStandard'

@description('Azure OpenAI capacity in thousands of tokens per minute.')
@minValue(1)
param openAiCapacity int = 30

@description('Cosmos DB default time to live for conversation documents in seconds; -1 = only per-item ttl.')
param conversationTtlSeconds int = -1

@description('Dialog definitions folder inside the deployed package (Dialogs__Path).')
param dialogsPath string = 'dialogs'

@description('Most Function App instances (caps cost under a traffic spike).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Function App instances kept warm for HTTP (removes cold starts at a standing cost); 0 = scale to zero.')
@minValue(0)
param alwaysReadyHttpInstances int = 0

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    principalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    databaseName: 'chatbot'
    containerName: 'conversations'
    defaultTtlSeconds: conversationTtlSeconds
    principalId: identity.outputs.principalId
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: 'oai-${resourceToken}'
    location: openAiLocation
    tags: tags
    deploymentName: openAiDeploymentName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    capacity: openAiCapacity
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    name: functionAppName
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'bot' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    eventsQueueName: storage.outputs.eventsQueueName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    openAiEndpoint: openAi.outputs.endpoint
    openAiDeploymentName: openAi.outputs.deploymentName
    dialogsPath: dialogsPath
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  scope: rg
  params: {
    name: 'bot-${resourceToken}'
    displayName: botDisplayName
    sku: botSku
    tags: tags
    endpoint: 'https://${functionApp.outputs.defaultHostName}/api/messages'
    identityClientId: identity.outputs.clientId
    identityId: identity.outputs.id
    identityTenantId: identity.outputs.tenantId
  }
}

// Outputs become azd environment values; none of them is a secret.
@description('Resource group that holds everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Function App name (for func azure functionapp publish).')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Messaging endpoint registered with the Azure Bot.')
output BOT_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}/api/messages'

@description('Azure Bot resource name.')
output BOT_NAME string = bot.outputs.name

@description('The bot\'s Microsoft App Id (client id of the user-assigned identity); the Teams manifest needs it.')
output MICROSOFT_APP_ID string = identity.outputs.clientId

@description('Tenant of the bot identity.')
output MICROSOFT_APP_TENANT_ID string = identity.outputs.tenantId

@description('Cosmos DB endpoint.')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Azure OpenAI endpoint.')
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint

// The bot's Function App on the Flex Consumption plan (FC1): .NET isolated worker, package deployed to a blob
// container, everything reached with the user-assigned identity. App settings are wired from the other modules.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (its host name becomes <name>.azurewebsites.net).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan.')
param tags object

@description('Tags applied to the Function App (includes azd-service-name so azd deploys the code here).')
param appTags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Tenant id of the user-assigned identity.')
param identityTenantId string

@description('Storage account used by the Functions host.')
param storageAccountName string

@description('Blob endpoint of that storage account.')
param storageBlobEndpoint string

@description('Container that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights component to send telemetry to.')
param applicationInsightsName string

@description('Cosmos DB endpoint for conversation state.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Cosmos DB container name.')
param cosmosContainerName string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('Azure OpenAI deployment name.')
param openAiDeploymentName string

@description('Folder of dialog definitions inside the deployed package.')
param dialogsPath string

@description('Queue the events trigger reads (in the AzureWebJobsStorage account).')
param eventsQueueName string

@description('Most instances the app may scale out to (caps the cost of a traffic spike).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Instances kept warm for HTTP triggers (no cold start, billed while idle); 0 = scale to zero.')
@minValue(0)
param alwaysReadyHttpInstances int

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Names match local.settings.sample.json and docs/configuration.md (a test checks this).
      // FUNCTIONS_WORKER_RUNTIME is not set here: Flex Consumption takes the runtime from functionAppConfig.
      appSettings: [
        // Functions host storage through the identity (no connection string, no key).
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        // Bot Framework identity: the user-assigned identity is the bot's app registration. With an app id set, replies
        // go only to the app's default service-URL allow-list (Bot Framework and Teams hosts, docs/configuration.md):
        // Connector__AllowedServiceUrlHosts__N is deliberately not set here; add it only for a channel outside that list.
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identityClientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identityTenantId
        }
        // DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity from this.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'CosmosDb__Endpoint'
          value: cosmosEndpoint
        }
        {
          name: 'CosmosDb__Database'
          value: cosmosDatabaseName
        }
        {
          name: 'CosmosDb__Container'
          value: cosmosContainerName
        }
        {
          name: 'CosmosDb__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          name: 'AzureOpenAI__Endpoint'
          value: openAiEndpoint
        }
        {
          name: 'AzureOpenAI__Deployment'
          value: openAiDeploymentName
        }
        {
          name: 'Dialogs__Path'
          value: dialogsPath
        }
        {
          name: 'KeepWarm__Schedule'
          value: '0 */5 * * * *'
        }
        {
          name: 'Events__Queue'
          value: eventsQueueName
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

@description('Function App name.')
output name string = functionApp.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName

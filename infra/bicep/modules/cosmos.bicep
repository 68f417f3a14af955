// Conversation state: a serverless Cosmos DB account (pay per request, nothing idle), one database and one container.
// Keys are disabled; the bot's identity gets the built-in Data Contributor data-plane role.

@description('Cosmos DB account name.')
param accountName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('SQL database name (CosmosDb__Database).')
param databaseName string

@description('Container name (CosmosDb__Container).')
param containerName string

@description('Default time to live in seconds for conversation documents; -1 = no default, items expire only with their own ttl.')
param defaultTtlSeconds int

@description('Object id of the identity that reads and writes conversation state.')
param principalId string

// Cosmos DB Built-in Data Contributor (data plane, not an Azure RBAC role).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      // One document per conversation, keyed by its id: a turn is one point read and one conditional replace.
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
      }
      defaultTtl: defaultTtlSeconds
      // Point reads and replaces need no index; indexing nothing makes every write cheaper.
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: []
        excludedPaths: [
          {
            path: '/*'
          }
        ]
      }
    }
  }
}

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    scope: account.id
  }
}

@description('Account endpoint (CosmosDb__Endpoint).')
output endpoint string = account.properties.documentEndpoint

@description('Database name (CosmosDb__Database).')
output databaseName string = database.name

@description('Container name (CosmosDb__Container).')
output containerName string = container.name

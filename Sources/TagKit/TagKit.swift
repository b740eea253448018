// The umbrella module: `import TagKit` brings in the whole public API.
@_exported import TagKitText
@_exported import TagKitEvaluation
@_exported import TagKitTensor
@_exported import TagKitNN
@_exported import TagKitEmbeddings
@_exported import TagKitModels

@_exported import struct TagKitTensor.SeededGenerator

/// Runs `body` once per seed, with TagKit's generator seeded by it; failures name the seed
/// (the property-test habit of swift-collections' `withEvery`).
public func withEverySeed(_ seeds: Range<UInt64>, _ body: (inout SeededGenerator, UInt64) throws -> Void) rethrows {
    for seed in seeds {
        var generator = SeededGenerator(seed: seed)
        try body(&generator, seed)
    }
}

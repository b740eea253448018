import Testing
import TagKitTensor
import TagKitTestSupport
@testable import TagKitNN

@Suite struct ParameterFileTests {
    @Test func saveAndLoadGiveIdenticalPredictions() throws {
        var generator = SeededGenerator(seed: 2)
        let trained = Dense(name: "out", inputSize: 3, outputSize: 2, activation: .tanh, generator: &generator)
        trained.bias.value = Tensor(shape: [2], scalars: [0.25, -1])
        let path = try SharedData.temporaryDirectory().appendingPathComponent("m.safetensors").path
        try SafeTensors(parameters: trained.parameters, metadata: ["kind": "dense"]).write(to: path)

        let loaded = Dense(name: "out", inputSize: 3, outputSize: 2, activation: .tanh, generator: &generator)
        #expect(loaded.weight.value != trained.weight.value)
        let file = try SafeTensors(contentsOf: path)
        try file.assign(to: loaded.parameters, path: path)
        #expect(file.metadata["kind"] == "dense")
        let x = Tensor.normal([4, 3], using: &generator)
        #expect(loaded(Tape(training: false).constant(x)).value == trained(Tape(training: false).constant(x)).value)
    }

    @Test func mismatchesAreReportedAndChangeNothing() {
        var generator = SeededGenerator(seed: 2)
        let small = Dense(name: "out", inputSize: 3, outputSize: 2, generator: &generator)
        let wide = Dense(name: "out", inputSize: 4, outputSize: 2, generator: &generator)
        let before = wide.bias.value
        let file = SafeTensors(parameters: [small.bias, small.weight])
        #expect(throws: TensorFileError(path: "f", reason: "expected \"out.weight\" of shape [2, 4], found shape [2, 3]")) {
            try file.assign(to: [wide.bias, wide.weight], path: "f")
        }
        #expect(wide.bias.value == before)
        #expect(throws: TensorFileError(path: "f", reason: "expected a tensor named \"other.weight\", found none")) {
            try file.assign(to: [Dense(name: "other", inputSize: 3, outputSize: 2, generator: &generator).weight], path: "f")
        }
    }
}

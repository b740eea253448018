import Testing
import TagKitTensor
import TagKitTestSupport
import TagKitNN

/// The README's example, verbatim apart from the output path, so it keeps compiling and working.
@Suite struct ReadmeExampleTests {
    @Test func readmeExampleRunsAndSaves() throws {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("m.safetensors").path
        var generator = SeededGenerator(seed: 1)
        let hidden = Dense(name: "hidden", inputSize: 2, outputSize: 8, activation: .relu, generator: &generator)
        let output = Dense(name: "output", inputSize: 8, outputSize: 3, generator: &generator)
        let optimizer = Adam(parameters: hidden.parameters + output.parameters, learningRate: 1e-3)

        let tape = Tape()
        let x = tape.constant(Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1]))
        let loss = crossEntropy(logits: output(hidden(x)), labels: [0, 1, 1, 2])
        tape.backward(loss)
        clipGradientNorm(optimizer.parameters, maximumNorm: 5)
        optimizer.step()
        try SafeTensors(parameters: optimizer.parameters, metadata: ["layers": "2-8-3"]).write(to: path)

        let file = try SafeTensors(contentsOf: path)
        #expect(file.tensors.map(\.name) == ["hidden.weight", "hidden.bias", "output.weight", "output.bias"])
        #expect(file["output.weight"] == output.weight.value)
        #expect(loss.value.scalar > 0)
    }
}

import TagKitTensor

/// A fully connected layer: `y = g(x · Wᵀ + b)`.
///
/// - Input: `[…, inputSize]` (any leading dimensions, e.g. `[batch, inputSize]`).
/// - Output: `[…, outputSize]`.
/// - Parameters: `weight` `W` stored `[outputSize, inputSize]` (multiplied transposed, the fast
///   layout for OpenBLAS), `bias` `b` `[outputSize]`.
/// - Initialisation: `W` Glorot/Xavier uniform `U(±√(6 / (in + out)))`, `b = 0`.
/// - `g` is the activation (`identity` by default).
public final class Dense: Layer {
    /// `W`, `[outputSize, inputSize]`.
    public let weight: Parameter
    /// `b`, `[outputSize]`.
    public let bias: Parameter
    /// `g`.
    public let activation: Activation

    /// The length of an input row.
    public var inputSize: Int { weight.value.shape[1] }
    /// The length of an output row.
    public var outputSize: Int { weight.value.shape[0] }
    /// `[weight, bias]`.
    public var parameters: [Parameter] { [weight, bias] }

    /// A layer with Glorot-uniform weights and zero bias; parameters are named `name.weight`, `name.bias`.
    public init(name: String = "dense", inputSize: Int, outputSize: Int, activation: Activation = .identity,
                generator: inout SeededGenerator) {
        weight = Parameter(name: "\(name).weight",
                           value: Tensor.glorotUniform([outputSize, inputSize], using: &generator))
        bias = Parameter(name: "\(name).bias", value: Tensor.zeros([outputSize]))
        self.activation = activation
    }

    /// A layer with the given weight `[out, in]` and bias `[out]`.
    public init(name: String = "dense", weight: Tensor, bias: Tensor, activation: Activation = .identity) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "Dense weight \(weight.shape) with bias \(bias.shape)")
        self.weight = Parameter(name: "\(name).weight", value: weight)
        self.bias = Parameter(name: "\(name).bias", value: bias)
        self.activation = activation
    }

    /// `g(x · Wᵀ + b)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        let tape = x.tape
        return activation(linear(x, weight: tape.parameter(weight), bias: tape.parameter(bias)))
    }
}

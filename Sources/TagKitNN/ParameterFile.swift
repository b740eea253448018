import TagKitTensor

/// Parameters to and from model files (safetensors layout), keyed by `Parameter.name`.
extension SafeTensors {
    /// A file holding every parameter's value under its name, in the given order.
    public init(parameters: [Parameter], metadata: [String: String] = [:]) {
        self.init(tensors: parameters.map { ($0.name, $0.value) }, metadata: metadata)
    }

    /// Sets every parameter's value from the tensor of the same name. Throws, changing nothing,
    /// if a parameter has no tensor or its tensor has another shape; `path` names the file in errors.
    public func assign(to parameters: [Parameter], path: String) throws(TensorFileError) {
        var values: [Tensor] = []
        for parameter in parameters {
            guard let tensor = self[parameter.name] else {
                throw TensorFileError(path: path, reason: "expected a tensor named \"\(parameter.name)\", found none")
            }
            guard tensor.shape == parameter.value.shape else {
                throw TensorFileError(path: path, reason:
                    "expected \"\(parameter.name)\" of shape \(parameter.value.shape), found shape \(tensor.shape)")
            }
            values.append(tensor)
        }
        for (parameter, value) in zip(parameters, values) {
            parameter.value = value
            parameter.zeroGradient()
        }
    }
}

extension SafeTensors {
    /// Checks that the file holds exactly the tensors `expected` (matched by name, in any order) with
    /// those shapes, no other tensor, and only finite values. Call it before building a model from a
    /// file's configuration, so a configuration that disagrees with the weights is an error and never
    /// an allocation of the configuration's sizes. Errors name `path`, the tensor and what was wrong.
    public func requireExactly(_ expected: [(name: String, shape: [Int])], path: String) throws(TensorFileError) {
        for (name, shape) in expected {
            guard let tensor = self[name] else {
                throw TensorFileError(path: path, reason: "expected a tensor named \"\(name)\" of shape \(shape), found none")
            }
            guard tensor.shape == shape else {
                throw TensorFileError(path: path, reason:
                    "expected \"\(name)\" of shape \(shape) (as the configuration builds it), found shape \(tensor.shape)")
            }
        }
        let names = Set(expected.map(\.name))
        if let unknown = tensors.first(where: { !names.contains($0.name) }) {
            throw TensorFileError(path: path, reason:
                "expected only the model's \(expected.count) tensors, found an unknown tensor \"\(unknown.name)\"")
        }
        for (name, tensor) in tensors {
            let firstNonFinite = tensor.withUnsafeBufferPointer { $0.firstIndex { !$0.isFinite } }
            if let index = firstNonFinite {
                throw TensorFileError(path: path, reason:
                    "expected finite weights, found \(tensor.scalars[index]) at index \(index) of \"\(name)\"")
            }
        }
    }
}

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

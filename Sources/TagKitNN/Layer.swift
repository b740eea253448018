/// A building block with trainable state. Parameters are declared explicitly, in a fixed order
/// (no reflection): optimizers and model files see exactly this list.
public protocol Layer: AnyObject {
    /// Every parameter of the layer (frozen ones included, marked `isTrainable == false`).
    var parameters: [Parameter] { get }
}

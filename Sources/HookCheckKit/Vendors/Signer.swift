import HookCheckModel

/// Produces a sender's credential for `hookcheck sign`.
public protocol RequestSigner: Sendable {
    /// The headers a request with this body carries, signed with `secret`.
    func signedHeaders(body: [UInt8], secret: [UInt8]) -> [HTTPHeader]
    /// The body as it must be sent (a token repeated in the body); the same bytes otherwise.
    func signedBody(body: [UInt8], secret: [UInt8]) -> [UInt8]
    /// Headers a real delivery also carries, taken from the body (event name, id...).
    func deliveryHeaders(body: [UInt8]) -> [HTTPHeader]
    var contentType: String { get }
}

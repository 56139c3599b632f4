import HookCheckModel

/// The body of a request as hookcheck understood it.
public enum Payload {
    case json(JSONDocument)
    /// The body looks like JSON but is not valid JSON.
    case malformedJSON(JSONIssue)
    /// A form body, decoded into the JSON it stands for; the map leads back to the raw body.
    case form(JSONDocument, FormOffsetMap)
    case empty
    /// Neither JSON nor any other payload form hookcheck knows.
    case unrecognized

    /// The parsed document, from a JSON or a form body.
    public var document: JSONDocument? {
        switch self {
        case .json(let document), .form(let document, _): document
        default: nil
        }
    }
}

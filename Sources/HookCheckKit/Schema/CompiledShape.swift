import HookCheckModel

/// A `Shape` flattened into tables of integers, so validation walks it without reference counting.
///
/// Node `0` is the root. Containers refer to their children by node index; object members live in
/// `fields`, their names in one byte pool.
public final class CompiledShape: @unchecked Sendable {
    enum Kind: UInt8 {
        case any, string, integer, int64, milliseconds, seconds, number, boolean
        case enumeration, array, object, map, nullable, oneOf
    }

    struct Node {
        var kind: Kind
        /// String format, or 1 for an open-ended object.
        var flag: UInt8
        /// Child node (array, map, nullable), first field (object), first choice (oneOf), enum index.
        var first: Int32
        /// Number of fields (object) or choices (oneOf).
        var count: Int32
    }

    struct FieldEntry {
        var nameStart: Int32
        var nameLength: Int32
        var node: Int32
        var required: Bool
    }

    let nodes: UnsafeMutableBufferPointer<Node>
    let fields: UnsafeMutableBufferPointer<FieldEntry>
    let namePool: UnsafeMutableBufferPointer<UInt8>
    /// Choices of `oneOf` nodes, as node indices.
    let choices: [Int32]
    let fieldNames: [String]
    let enumerations: [[String]]
    /// The same values as UTF-8 bytes, compared without building strings.
    let enumerationBytes: [[[UInt8]]]
    /// Each node's summary, for messages.
    let summaries: [String]

    public convenience init(_ shape: Shape) {
        var builder = Builder()
        _ = builder.add(shape)
        self.init(builder)
    }

    private init(_ builder: Builder) {
        nodes = .allocate(capacity: max(1, builder.nodes.count))
        _ = nodes.initialize(from: builder.nodes)
        fields = .allocate(capacity: max(1, builder.fields.count))
        _ = fields.initialize(from: builder.fields)
        namePool = .allocate(capacity: max(1, builder.namePool.count))
        _ = namePool.initialize(from: builder.namePool)
        choices = builder.choices
        fieldNames = builder.fieldNames
        enumerations = builder.enumerations
        enumerationBytes = builder.enumerations.map { $0.map { Array($0.utf8) } }
        summaries = builder.summaries
    }

    deinit {
        nodes.deallocate()
        fields.deallocate()
        namePool.deallocate()
    }

    private struct Builder {
        var nodes: [Node] = []
        var fields: [FieldEntry] = []
        var namePool: [UInt8] = []
        var choices: [Int32] = []
        var fieldNames: [String] = []
        var enumerations: [[String]] = []
        var summaries: [String] = []

        mutating func reserve(_ kind: Kind, _ summary: String) -> Int {
            nodes.append(Node(kind: kind, flag: 0, first: 0, count: 0))
            summaries.append(summary)
            return nodes.count - 1
        }

        mutating func add(_ shape: Shape) -> Int32 {
            let summary = shape.summary
            switch shape {
            case .any: return Int32(reserve(.any, summary))
            case .string(let format):
                let index = reserve(.string, summary)
                nodes[index].flag = format.rawValue
                return Int32(index)
            case .integer: return Int32(reserve(.integer, summary))
            case .int64: return Int32(reserve(.int64, summary))
            case .milliseconds: return Int32(reserve(.milliseconds, summary))
            case .seconds: return Int32(reserve(.seconds, summary))
            case .number: return Int32(reserve(.number, summary))
            case .boolean: return Int32(reserve(.boolean, summary))
            case .enumeration(let values):
                let index = reserve(.enumeration, summary)
                nodes[index].first = Int32(enumerations.count)
                enumerations.append(values)
                return Int32(index)
            case .array(let element), .map(let element), .nullable(let element):
                let kind: Kind = switch shape {
                case .array: .array
                case .map: .map
                default: .nullable
                }
                let index = reserve(kind, summary)
                nodes[index].first = add(element)
                return Int32(index)
            case .oneOf(let shapes):
                let index = reserve(.oneOf, summary)
                let children = shapes.map { add($0) }
                nodes[index].first = Int32(choices.count)
                nodes[index].count = Int32(children.count)
                choices += children
                return Int32(index)
            case .object(let object):
                let index = reserve(.object, summary)
                nodes[index].flag = object.openEnded ? 1 : 0
                // Reserve the field entries first so they stay contiguous.
                let first = fields.count
                for field in object.fields {
                    fields.append(FieldEntry(nameStart: Int32(namePool.count), nameLength: Int32(field.nameBytes.count),
                                             node: 0, required: field.isRequired))
                    namePool += field.nameBytes
                    fieldNames.append(field.name)
                }
                nodes[index].first = Int32(first)
                nodes[index].count = Int32(object.fields.count)
                for (offset, field) in object.fields.enumerated() {
                    fields[first + offset].node = add(field.shape)
                }
                return Int32(index)
            }
        }
    }
}

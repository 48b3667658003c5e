/// An `Encoder` that builds a `JSONValue` tree directly, so the canonical
/// writer needs neither `JSONEncoder`'s byte output nor a second parse.
/// Keyed containers requested twice from one encoder share one object
/// (`Section` relies on this to flatten its content).
enum JSONTreeEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Node()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        return root.value
    }
}

private final class Node {
    enum Storage {
        case empty
        case scalar(JSONValue)
        case object([String: Node])
        case array([Node])
    }

    var storage: Storage = .empty

    var value: JSONValue {
        switch storage {
        case .empty: return .object([:])
        case let .scalar(value): return value
        case let .object(members): return .object(members.mapValues(\.value))
        case let .array(items): return .array(items.map(\.value))
        }
    }

    func makeObject() {
        if case .object = storage { return }
        storage = .object([:])
    }

    func makeArray() {
        if case .array = storage { return }
        storage = .array([])
    }

    func set(_ key: String, _ child: Node) {
        guard case var .object(members) = storage else { return }
        storage = .empty // keep `members` uniquely referenced while mutating
        members[key] = child
        storage = .object(members)
    }

    func append(_ child: Node) {
        guard case var .array(items) = storage else { return }
        storage = .empty
        items.append(child)
        storage = .array(items)
    }

    static func scalar(_ value: JSONValue) -> Node {
        let node = Node()
        node.storage = .scalar(value)
        return node
    }
}

private struct TreeEncoder: Encoder {
    let node: Node
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

/// Scalars map straight to `JSONValue`; anything else encodes itself into
/// a fresh node.
private func makeNode<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> Node {
    switch value {
    case let string as String: return .scalar(.string(string))
    case let flag as Bool: return .scalar(.bool(flag))
    case let number as Int: return .scalar(.integer(Int64(number)))
    case let number as Int64: return .scalar(.integer(number))
    case let number as Int32: return .scalar(.integer(Int64(number)))
    case let number as UInt64: return .scalar(Int64(exactly: number).map(JSONValue.integer) ?? .number(Double(number)))
    case let number as Double: return .scalar(.number(number))
    default:
        let node = Node()
        try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
        return node
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.set(key.stringValue, .scalar(.null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try makeNode(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.makeObject()
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = Node()
        child.makeArray()
        node.set(key.stringValue, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(node: node, codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = Node()
        node.set(key.stringValue, child)
        return TreeEncoder(node: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    var count: Int {
        if case let .array(items) = node.storage { return items.count }
        return 0
    }

    mutating func encodeNil() throws { node.append(.scalar(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try makeNode(value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.makeObject()
        node.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = Node()
        child.makeArray()
        node.append(child)
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> Encoder {
        let child = Node()
        node.append(child)
        return TreeEncoder(node: child, codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.storage = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try makeNode(value, codingPath: codingPath)
        node.storage = child.storage
    }
}

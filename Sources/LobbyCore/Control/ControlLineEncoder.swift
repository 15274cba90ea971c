import Foundation
import Synchronization

/// Writes an `Encodable` value as the control protocol's JSON: what `JSONEncoder` writes with
/// `.convertToSnakeCase`, `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte
/// (`ControlLineEncoderTests` holds it to that over random replies), at a fraction of the
/// cost. `status` is asked by dashboards in bursts; Foundation's encoder spent about 130 µs
/// on each reply, most of it converting and sorting the same keys again.
///
/// The value is first built as a small tree (a keyed container is filled in whatever order the
/// type encodes it), then written with each object's keys sorted by their UTF-8 bytes, as
/// swift-foundation sorts them on Linux. Keys of the types' own coding keys are turned into
/// snake_case by asking `JSONEncoder` itself once per key; keys of a `[String: …]` dictionary
/// are written as they are, as `JSONEncoder` does.
enum ControlLineEncoder {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = Slot()
        try Self.store(value, at: root, path: [])
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        try write(root.value ?? .object(ObjectNode()), to: &output)
        return output
    }

    // MARK: the tree

    fileprivate indirect enum Node {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case object(ObjectNode)
        case array(ArrayNode)
        /// What a super-encoder holds: filled after its place was taken.
        case pending(Slot)
    }

    fileprivate final class ObjectNode {
        var entries: [(key: String, value: Node)] = []

        /// Sets `key`; the last value given for a key wins, as in `JSONEncoder`.
        func set(_ key: String, _ value: Node) {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append((key, value))
            }
        }
    }

    fileprivate final class ArrayNode {
        var elements: [Node] = []
    }

    /// Where a nested encoder puts what it encodes.
    fileprivate final class Slot {
        var value: Node?
    }

    /// Encodes `value` into `slot`: scalars directly, everything else through its `encode(to:)`.
    fileprivate static func store(_ value: some Encodable, at slot: Slot, path: [any CodingKey]) throws {
        if let node = try scalar(value, path: path) {
            slot.value = node
            return
        }
        if let map = value as? any StringKeyedMap {
            let object = ObjectNode()
            try map.encodeEntries(into: object, path: path)
            slot.value = .object(object)
            return
        }
        try value.encode(to: NodeEncoder(slot: slot, codingPath: path))
        // A type that encodes nothing is an empty object, as JSONEncoder writes it.
        if slot.value == nil { slot.value = .object(ObjectNode()) }
    }

    /// The node for a value of one of the standard scalar types, or nil for any other type.
    fileprivate static func scalar(_ value: some Encodable, path: [any CodingKey]) throws -> Node? {
        switch value {
        case let string as String: return .string(string)
        case let integer as Int: return .number(String(integer))
        case let flag as Bool: return .bool(flag)
        case let number as Double: return try .number(formatted(number, path: path))
        case let number as Float:
            return try .number(formatted(Double(number), path: path, description: number.description))
        case let integer as any BinaryInteger: return .number(String(describing: integer))
        default: return nil
        }
    }

    /// A `Double` as `JSONEncoder` writes it: its shortest description without a trailing `.0`.
    fileprivate static func formatted(
        _ number: Double, path: [any CodingKey], description: String? = nil
    ) throws -> String {
        guard number.isFinite else {
            // lint: not for people (a programming error, reported as JSONEncoder reports it)
            let debug = "Unable to encode \(number) directly in JSON."
            throw EncodingError.invalidValue(number, .init(codingPath: path, debugDescription: debug))
        }
        var text = description ?? number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    // MARK: keys

    private static let snakeCase = Mutex<[String: String]>([:])

    /// `key` in snake_case, exactly as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`
    /// makes it: asked of JSONEncoder once per key (the coding keys of the reply types, a fixed
    /// set) and remembered.
    static func snakeCased(_ key: String) -> String {
        if let known = snakeCase.withLock({ $0[key] }) { return known }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let converted =
            (try? encoder.encode(KeyProbe(key: key)))
            .flatMap { try? JSONDecoder().decode([String: Int].self, from: $0).keys.first } ?? key
        snakeCase.withLock { $0[key] = converted }
        return converted
    }

    private struct KeyProbe: Encodable {
        var key: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(0, forKey: AnyKey(stringValue: key))
        }
    }

    fileprivate struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) { (stringValue, self.intValue) = ("\(intValue)", intValue) }
    }

    // MARK: writing

    private static func write(_ node: Node, to output: inout [UInt8]) throws {
        switch node {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .number(let text): output += text.utf8
        case .string(let text): writeString(text, to: &output)
        case .pending(let slot): try write(slot.value ?? .object(ObjectNode()), to: &output)
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let sorted = object.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, entry) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(entry.key, to: &output)
                output.append(UInt8(ascii: ":"))
                try write(entry.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: quote, backslash and control characters escaped, everything else (slashes
    /// and all of Unicode) as its UTF-8.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case 0x08: output += #"\b"#.utf8
            case 0x0C: output += #"\f"#.utf8
            case 0x0A: output += #"\n"#.utf8
            case 0x0D: output += #"\r"#.utf8
            case 0x09: output += #"\t"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += #"\u00"#.utf8
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// A dictionary keyed by strings, whose keys JSONEncoder writes as they are (no snake_case).
private protocol StringKeyedMap {
    func encodeEntries(into object: ControlLineEncoder.ObjectNode, path: [any CodingKey]) throws
}

extension Dictionary: StringKeyedMap where Key == String, Value: Encodable {
    fileprivate func encodeEntries(into object: ControlLineEncoder.ObjectNode, path: [any CodingKey]) throws {
        object.entries.reserveCapacity(count)
        for (key, value) in self {
            let slot = ControlLineEncoder.Slot()
            try ControlLineEncoder.store(value, at: slot, path: path + [ControlLineEncoder.AnyKey(stringValue: key)])
            object.entries.append((key, slot.value ?? .null))
        }
    }
}

// MARK: the Encoder protocol

private struct NodeEncoder: Encoder {
    let slot: ControlLineEncoder.Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ControlLineEncoder.ObjectNode
        if case .object(let existing) = slot.value {
            object = existing
        } else {
            object = ControlLineEncoder.ObjectNode()
            slot.value = .object(object)
        }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ControlLineEncoder.ArrayNode
        if case .array(let existing) = slot.value {
            array = existing
        } else {
            array = ControlLineEncoder.ArrayNode()
            slot.value = .array(array)
        }
        return UnkeyedNodeContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(slot: slot, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ControlLineEncoder.ObjectNode
    let codingPath: [any CodingKey]

    private func name(_ key: Key) -> String { ControlLineEncoder.snakeCased(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { object.set(name(key), .null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let slot = ControlLineEncoder.Slot()
        try ControlLineEncoder.store(value, at: slot, path: codingPath + [key])
        object.set(name(key), slot.value ?? .null)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ControlLineEncoder.ObjectNode()
        object.set(name(key), .object(nested))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ControlLineEncoder.ArrayNode()
        object.set(name(key), .array(nested))
        return UnkeyedNodeContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super", path: codingPath + [ControlLineEncoder.AnyKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: name(key), path: codingPath + [key])
    }

    private func superEncoder(named name: String, path: [any CodingKey]) -> any Encoder {
        let slot = ControlLineEncoder.Slot()
        object.set(name, .pending(slot))
        return NodeEncoder(slot: slot, codingPath: path)
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let array: ControlLineEncoder.ArrayNode
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    private var nextPath: [any CodingKey] { codingPath + [ControlLineEncoder.AnyKey(intValue: count)] }

    mutating func encodeNil() throws { array.elements.append(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let slot = ControlLineEncoder.Slot()
        try ControlLineEncoder.store(value, at: slot, path: nextPath)
        array.elements.append(slot.value ?? .null)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ControlLineEncoder.ObjectNode()
        let path = nextPath
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(object: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ControlLineEncoder.ArrayNode()
        let path = nextPath
        array.elements.append(.array(nested))
        return UnkeyedNodeContainer(array: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let slot = ControlLineEncoder.Slot()
        let path = nextPath
        array.elements.append(.pending(slot))
        return NodeEncoder(slot: slot, codingPath: path)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let slot: ControlLineEncoder.Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.value = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try ControlLineEncoder.store(value, at: slot, path: codingPath)
    }
}

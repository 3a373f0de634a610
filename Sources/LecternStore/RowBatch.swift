/// The column values of many rows in two flat arrays, filled by a parser and bound straight to
/// SQLite: no String, no enum payload and no array per value. A row is `width` consecutive
/// cells; text cells point into `bytes`. Text is always valid UTF-8 (see `UTF8Repair`).
public struct RowBatch: Sendable {
    public struct Cell: Sendable {
        enum Tag: UInt8, Sendable { case null, int, double, text }
        var tag: Tag
        /// The integer, the double's bits, or the text's offset in `bytes`.
        var payload: UInt64
        var length: Int32
    }

    /// Where a batch stood, to drop a row that turned out to be rejected.
    public struct Mark: Sendable {
        let cells: Int
        let bytes: Int
    }

    var cells: [Cell] = []
    /// Text of every text cell. Writers append to it, then seal the text with `endText`.
    public var bytes: [UInt8] = []

    public init() {}

    public var byteCount: Int { bytes.count }

    public mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    public var mark: Mark { Mark(cells: cells.count, bytes: bytes.count) }

    public mutating func rollBack(to mark: Mark) {
        cells.removeSubrange(mark.cells...)
        bytes.removeSubrange(mark.bytes...)
    }

    /// Appends a row of `width` NULL cells; returns its first cell.
    public mutating func appendRow(width: Int) -> Int {
        let first = cells.count
        cells.append(contentsOf: repeatElement(Cell(tag: .null, payload: 0, length: 0), count: width))
        return first
    }

    public mutating func setNull(_ cell: Int) {
        cells[cell] = Cell(tag: .null, payload: 0, length: 0)
    }

    public mutating func setInt(_ value: Int, at cell: Int) {
        cells[cell] = Cell(tag: .int, payload: UInt64(bitPattern: Int64(value)), length: 0)
    }

    public mutating func setDouble(_ value: Double, at cell: Int) {
        cells[cell] = Cell(tag: .double, payload: value.bitPattern, length: 0)
    }

    public mutating func setText(_ text: UnsafeBufferPointer<UInt8>, at cell: Int) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        endText(at: cell, from: start)
    }

    /// Makes `bytes[start...]` (just appended by the caller) the text of `cell`, replacing
    /// invalid UTF-8 in it first.
    public mutating func endText(at cell: Int, from start: Int) {
        let valid = bytes.withUnsafeBufferPointer { UTF8Repair.isValid(UnsafeBufferPointer(rebasing: $0[start...])) }
        if !valid {
            let fixed = bytes.withUnsafeBufferPointer { UTF8Repair.repaired(UnsafeBufferPointer(rebasing: $0[start...])) }
            bytes.replaceSubrange(start..., with: fixed)
        }
        cells[cell] = Cell(tag: .text, payload: UInt64(start), length: Int32(bytes.count - start))
    }

    public func isNull(_ cell: Int) -> Bool { cells[cell].tag == .null }
}

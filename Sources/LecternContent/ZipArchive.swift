import CZlib

/// A course export zip read from memory: the central directory parsed here, entries stored or
/// raw-deflated (zlib). Only what exports use is supported; ZIP64, encryption and split archives
/// are refused with a reason rather than misread.
struct ZipArchive: Sendable {
    struct Entry: Sendable, Equatable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int

        var isDirectory: Bool { name.hasSuffix("/") }
    }

    struct Failure: Error, Sendable {
        var reason: String
    }

    private let bytes: [UInt8]
    let entries: [Entry]

    init(bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(in: bytes)
        guard bytes.uint16(at: end + 4) == 0, bytes.uint16(at: end + 6) == 0 else {
            throw Failure(reason: "is split across several files, which is not supported")
        }
        let count = Int(bytes.uint16(at: end + 10))
        let size = Int(bytes.uint32(at: end + 12))
        let offset = Int(bytes.uint32(at: end + 16))
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
            throw Failure(reason: "is a ZIP64 archive, which is not supported")
        }
        guard offset + size <= end else { throw Failure(reason: "has a central directory outside the file; damaged") }
        var entries: [Entry] = []
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= offset + size, bytes.uint32(at: position) == 0x0201_4B50 else {
                throw Failure(reason: "has a damaged central directory (entry \(entries.count + 1))")
            }
            let nameLength = Int(bytes.uint16(at: position + 28))
            let extraLength = Int(bytes.uint16(at: position + 30))
            let commentLength = Int(bytes.uint16(at: position + 32))
            guard position + 46 + nameLength <= bytes.count else {
                throw Failure(reason: "has a damaged central directory (entry \(entries.count + 1))")
            }
            let entry = Entry(
                name: String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                method: bytes.uint16(at: position + 10),
                flags: bytes.uint16(at: position + 8),
                crc: bytes.uint32(at: position + 16),
                compressedSize: Int(bytes.uint32(at: position + 20)),
                uncompressedSize: Int(bytes.uint32(at: position + 24)),
                localHeaderOffset: Int(bytes.uint32(at: position + 42)))
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The bytes of `entry`, refused above `limit` bytes (checked before and while inflating, so
    /// a small entry that claims to be small but expands without end is stopped).
    func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        guard entry.flags & 1 == 0 else { throw Failure(reason: "is encrypted") }
        guard entry.uncompressedSize <= limit else {
            throw Failure(reason: "is \(entry.uncompressedSize) bytes unpacked, over the \(limit)-byte limit")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, bytes.uint32(at: header) == 0x0403_4B50 else {
            throw Failure(reason: "has a damaged local header")
        }
        let start = header + 30 + Int(bytes.uint16(at: header + 26)) + Int(bytes.uint16(at: header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw Failure(reason: "runs past the end of the archive") }
        let packed = bytes[start..<(start + entry.compressedSize)]
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw Failure(reason: "has inconsistent sizes") }
            data = Array(packed)
        case 8:
            data = try Self.inflate(packed, expectedSize: entry.uncompressedSize)
        default:
            throw Failure(reason: "uses compression method \(entry.method); only stored and deflated entries are read")
        }
        let checksum = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard checksum == entry.crc else { throw Failure(reason: "fails its CRC check; damaged") }
        return data
    }

    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(Failure) -> Int {
        guard bytes.count >= 22 else { throw Failure(reason: "is too short to be a zip archive") }
        // The record is the last 22 bytes plus a comment of at most 65,535 bytes.
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes.uint32(at: position) == 0x0605_4B50 { return position }
            position -= 1
        }
        throw Failure(reason: "is not a zip archive (no central directory)")
    }

    /// Raw deflate (no zlib header, as zip stores it) into exactly `expectedSize` bytes.
    private static func inflate(_ packed: ArraySlice<UInt8>, expectedSize: Int) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expectedSize)
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "cannot be unpacked (zlib did not start)")
        }
        defer { inflateEnd(&stream) }
        var overflow: UInt8 = 0
        let status: Int32 = packed.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                var result = CZlib.inflate(&stream, Z_FINISH)
                if result == Z_BUF_ERROR && stream.avail_out == 0 {
                    // Output is full but the stream is not finished: it holds more than it declared.
                    withUnsafeMutablePointer(to: &overflow) { spare in
                        stream.next_out = spare
                        stream.avail_out = 1
                        result = CZlib.inflate(&stream, Z_FINISH)
                    }
                    if stream.avail_out == 0 { return Z_BUF_ERROR }
                }
                return result
            }
        }
        guard status == Z_STREAM_END else {
            throw Failure(reason: status == Z_BUF_ERROR ? "unpacks to a different size than declared" : "cannot be unpacked; damaged")
        }
        guard Int(stream.total_out) == expectedSize else { throw Failure(reason: "unpacks to a different size than declared") }
        return output
    }
}

private extension [UInt8] {
    func uint16(at offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= count else { return 0 }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}

import Foundation

/// Reads a file (or standard input for "-") line by line without loading it whole.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var lineNumber = 0

    init(path: String) throws {
        if path == "-" {
            file = fdopen(0, "rb")!
            ownsFile = false
        } else {
            guard let opened = fopen(path, "rb") else {
                throw CommandError("\(path): cannot open (\(String(cString: strerror(errno))))")
            }
            file = opened
            ownsFile = true
        }
    }

    /// The next line without its line ending, or nil at the end of the input.
    func next() -> String? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        var count = length
        while count > 0, buffer[count - 1] == 0x0A || buffer[count - 1] == 0x0D { count -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    deinit {
        free(buffer)
        if ownsFile { fclose(file) }
    }
}

/// Writes to a file through a temporary name that replaces the target only when all is written,
/// or straight to standard output for "-".
final class AtomicOutput {
    private let target: String
    private let temporary: String?
    private let file: UnsafeMutablePointer<FILE>
    private var finished = false

    init(path: String) throws {
        target = path
        if path == "-" {
            temporary = nil
            file = fdopen(1, "wb")!
        } else {
            let temporaryPath = path + ".tmp-\(getpid())"
            guard let opened = fopen(temporaryPath, "wb") else {
                throw CommandError("\(path): cannot write (\(String(cString: strerror(errno))))")
            }
            temporary = temporaryPath
            file = opened
        }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    func commit() throws {
        finished = true
        guard let temporary else {
            fflush(file)
            return
        }
        let failed = ferror(file) != 0
        fclose(file)
        guard !failed, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw CommandError("\(target): cannot write (\(String(cString: strerror(errno))))")
        }
    }

    /// A failed run leaves the previous file as it was.
    deinit {
        if !finished, let temporary {
            fclose(file)
            unlink(temporary)
        }
    }
}

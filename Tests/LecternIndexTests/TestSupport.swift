import Foundation
import LecternIndex

/// A fresh directory under the system temporary folder, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "lectern-index-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Deterministic random numbers (SplitMix64) so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func signed() -> Float {
        Float(Double(next() >> 11) / Double(1 << 53) * 2 - 1)
    }

    mutating func unitVector(_ dimension: Int) -> [Float] {
        normalized((0..<dimension).map { _ in signed() })
    }
}

func normalized(_ v: [Float]) -> [Float] {
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return v.map { $0 / norm }
}

func dot(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

func record(_ id: String, course: String = "course", lesson: String = "lesson", text: String = "",
            vector: [Float], title: String = "", headings: [String] = []) -> IndexRecord {
    IndexRecord(chunkID: id, course: course, lesson: lesson, title: title, headingPath: headings,
                url: "/lms/courses/\(course)/learn/1-1#\(id)", source: "lesson", text: text, vector: vector)
}

/// The error message of a failed open, or nil if the file opened.
func openError(_ path: String) -> String? {
    do {
        _ = try IndexReader(path: path)
        return nil
    } catch {
        return error.message
    }
}

import Foundation
import Testing
import LecternEmbedding

/// Safetensors files written here byte by byte: good ones read back, broken ones give one error
/// that names the file and the problem.
struct SafeTensorsTests {
    /// A file with the given JSON header and data bytes; `declaredLength` overrides the length field.
    func write(header: String, data: [UInt8], declaredLength: UInt64? = nil, in directory: String,
               name: String = "model.safetensors") throws -> String {
        var bytes: [UInt8] = []
        let headerBytes = Array(header.utf8)
        var length = declaredLength ?? UInt64(headerBytes.count)
        for _ in 0..<8 { bytes.append(UInt8(length & 0xFF)); length >>= 8 }
        bytes += headerBytes + data
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    func error(reading path: String) -> String? {
        do {
            _ = try SafeTensors(path: path)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func readsTensorsBackWithTheirShapes() throws {
        let directory = try Fixtures.temporaryDirectory()
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[2],"data_offsets":[24,32]}}"#
        let path = try write(header: header, data: floatBytes([1, 2, 3, 4, 5, 6, -0.5, 1e-12]), in: directory)
        let file = try SafeTensors(path: path)
        #expect(file.tensors.count == 2)
        #expect(try file.floats("a", shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
        #expect(try file.floats("b", shape: [2]) == [-0.5, 1e-12])
        #expect(throws: EmbeddingError.self) { try file.floats("a", shape: [3, 2]) }
        #expect(throws: EmbeddingError.self) { try file.floats("missing", shape: [1]) }
    }

    @Test func refusesNonFiniteWeights() throws {
        let directory = try Fixtures.temporaryDirectory()
        let header = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#
        let path = try write(header: header, data: floatBytes([1, .nan, 2]), in: directory)
        do {
            _ = try SafeTensors(path: path).floats("a", shape: [3])
            Issue.record("a NaN weight was accepted")
        } catch {
            #expect(error.message.contains("corrupt") && error.message.contains("element 1"), "\(error.message)")
        }
    }

    @Test func refusesBrokenFilesWithTheFileAndTheProblem() throws {
        let directory = try Fixtures.temporaryDirectory()
        let good = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let cases: [(name: String, header: String, data: [UInt8], length: UInt64?, problem: String)] = [
            ("truncated", good, floatBytes([1]), nil, "truncated"),
            ("trailing-bytes", good, floatBytes([1, 2, 3]), nil, "size mismatch"),
            ("huge-header", good, floatBytes([1, 2]), 1 << 40, "header length"),
            ("short-header", good, [], 4_000, "truncated"),
            ("not-json", "this is not json at all", [], nil, "corrupt header"),
            ("bad-dtype", #"{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}"#, floatBytes([1, 2]), nil, "unknown dtype"),
            ("bad-shape", #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, floatBytes([1, 2]), nil, "needs 12 bytes"),
            ("past-end", #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, floatBytes([1, 2]), nil, "truncated"),
        ]
        for c in cases {
            let path = try write(header: c.header, data: c.data, declaredLength: c.length, in: directory, name: c.name + ".safetensors")
            let message = error(reading: path)
            #expect(message?.contains(path) == true, "\(c.name): \(message ?? "no error")")
            #expect(message?.contains(c.problem) == true, "\(c.name): \(message ?? "no error")")
            #expect(message?.contains("make deps") == true, "\(c.name): \(message ?? "no error")")
        }
        let empty = directory + "/empty.safetensors"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(error(reading: empty)?.contains("not a safetensors file") == true)
        #expect(error(reading: directory + "/absent.safetensors")?.contains("cannot open") == true)
    }

    @Test func anEmbedderOverAMissingOrCorruptModelSaysMakeDeps() throws {
        let directory = try Fixtures.temporaryDirectory()
        #expect(throws: EmbeddingError.self) { try Embedder(modelDirectory: directory) }
        do {
            _ = try Embedder(modelDirectory: directory)
        } catch {
            #expect(error.message.contains("model.safetensors") && error.message.contains("make deps"))
        }
        // A well-formed safetensors file that is not the model: the first missing tensor is named.
        _ = try write(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: floatBytes([1]), in: directory)
        try (["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a"].joined(separator: "\n") + "\n")
            .write(toFile: directory + "/vocab.txt", atomically: true, encoding: .utf8)
        do {
            _ = try Embedder(modelDirectory: directory)
            Issue.record("a model without tensors was accepted")
        } catch {
            #expect(error.message.contains("is missing") && error.message.contains("make deps"), "\(error.message)")
        }
    }
}

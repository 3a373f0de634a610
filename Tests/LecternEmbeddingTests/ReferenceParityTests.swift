import Foundation
import Testing
import LecternEmbedding

/// The 64 reference inputs of ../shared/reference/minilm, embedded by sentence-transformers 6.2.0:
/// ids must match exactly, every embedding to cosine ≥ 0.9999 and max abs difference ≤ 1e-4.
@Suite(.enabled(if: (Fixtures.modelAvailable && Fixtures.referenceAvailable) || Fixtures.inCI,
                "skipped: the model (run `make deps`) or ../shared/reference is missing"))
struct ReferenceParityTests {
    struct Reference: Decodable {
        let id: Int
        let text: String
        let input_ids: [Int32]
        let embedding: [Float]
    }

    static func references() throws -> [Reference] {
        let path = Fixtures.sharedDirectory + "/reference/minilm/embeddings.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError("reference data missing at \(path)")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Reference.self, from: Data($0.utf8))
        }
    }

    func check(_ embeddings: Embeddings, against references: [Reference]) {
        for (index, reference) in references.enumerated() {
            #expect(embeddings.inputIDs[index] == reference.input_ids, "ids of input \(reference.id)")
            let ours = embeddings.vector(index)
            var dot: Float = 0, normA: Float = 0, normB: Float = 0, worst: Float = 0
            for (a, b) in zip(ours, reference.embedding) {
                dot += a * b; normA += a * a; normB += b * b
                worst = max(worst, abs(a - b))
            }
            let cosine = dot / (normA.squareRoot() * normB.squareRoot())
            #expect(cosine >= 0.9999, "cosine of input \(reference.id): \(cosine)")
            #expect(worst <= 1e-4, "max abs difference of input \(reference.id): \(worst)")
        }
    }

    @Test func eachInputAloneMatchesTheReference() throws {
        let references = try Self.references()
        #expect(references.count == 64)
        let embedder = try Fixtures.embedder()
        check(embedder.embed(references.map(\.text), batchSize: 1), against: references)
    }

    /// Packing many sequences of different lengths into one batch must not change any of them.
    @Test func batchedInputsMatchTheReference() throws {
        let references = try Self.references()
        let embedder = try Fixtures.embedder()
        check(embedder.embed(references.map(\.text), batchSize: 32), against: references)
        check(embedder.embed(references.map(\.text), batchSize: 64), against: references)
    }

    /// Where this CPU has AMX the fixture's embedder multiplies on tiles, where it has AVX-512
    /// on this project's kernel; OpenBLAS must still meet the bound on its own (it is what
    /// other CPUs use), and so must each of the others.
    @Test(arguments: [1, 32])
    func everyProductPathMatchesTheReference(batchSize: Int) throws {
        let references = try Self.references()
        let blas = try Embedder(modelDirectory: Fixtures.modelDirectory, threads: 2, tiles: false, vectorKernel: false)
        #expect(blas.products == "OpenBLAS")
        check(blas.embed(references.map(\.text), batchSize: batchSize), against: references)
        let vector = try Embedder(modelDirectory: Fixtures.modelDirectory, threads: 2, tiles: false)
        #expect(vector.products != "AMX tiles")
        check(vector.embed(references.map(\.text), batchSize: batchSize), against: references)
        let tiled = try Embedder(modelDirectory: Fixtures.modelDirectory, threads: 2, tiles: true)
        check(tiled.embed(references.map(\.text), batchSize: batchSize), against: references)
    }

    @Test func theSingleTextCallAgreesWithTheBatchCall() throws {
        let embedder = try Fixtures.embedder()
        let text = "How do I undo my last commit without losing the changes?"
        let single = embedder.embed(text)
        let batch = embedder.embed(["short", text, String(repeating: "long paragraph ", count: 50)], batchSize: 3)
        #expect(single.count == 384)
        #expect(zip(single, batch.vector(1)).allSatisfy { abs($0 - $1) <= 1e-6 })
        let norm = single.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }
}

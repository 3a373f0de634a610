import COpenBLAS
import Dispatch
import Synchronization

/// Token ids and unit-length embeddings of a list of texts, in input order.
public struct Embeddings: Sendable {
    public let dimension: Int
    /// The ids the model saw for each text, [CLS] and [SEP] included.
    public let inputIDs: [[Int32]]
    /// `count × dimension` floats, row-major.
    public let vectors: [Float]

    public var count: Int { inputIDs.count }

    public func vector(_ index: Int) -> ArraySlice<Float> {
        vectors[(index * dimension)..<((index + 1) * dimension)]
    }
}

/// all-MiniLM-L6-v2 sentence embeddings: WordPiece tokens in, mean-pooled 384-d unit vectors out.
/// Safe to share between threads.
public final class Embedder: Sendable {
    public static let modelID = "sentence-transformers/all-MiniLM-L6-v2"

    public let modelDirectory: String
    public let tokenizer: WordPieceTokenizer
    /// Worker threads for one call of `embed`; all cores unless told otherwise.
    public let threads: Int
    private let encoder: MiniLMEncoder
    private let workspaces = Mutex<[MiniLMEncoder.Workspace]>([])

    public var dimension: Int { encoder.config.hidden }

    /// Whether the weight products run on AMX tiles (see `TileMatrix`).
    public var usesTiles: Bool { encoder.tiles != nil }

    /// What multiplies the weights: "AMX tiles", "AVX-512" or "OpenBLAS".
    public var products: String { encoder.tiles != nil ? "AMX tiles" : encoder.vectorKernel ? "AVX-512" : "OpenBLAS" }

    /// Loads the model from `modelDirectory` (see `ModelLocation` when nil). `tiles`: pack the
    /// weights for AMX where the CPU has it (some milliseconds at load, several times faster
    /// products after); a one-question process is quicker without. `vectorKernel`: without
    /// tiles, multiply on this project's AVX-512 kernel where the CPU has it, else OpenBLAS.
    public init(modelDirectory: String? = nil, threads: Int? = nil, tiles: Bool = true, vectorKernel: Bool = true) throws(EmbeddingError) {
        let directory = try ModelLocation.resolve(modelDirectory)
        self.modelDirectory = directory
        self.tokenizer = try WordPieceTokenizer(vocabularyPath: directory + "/vocab.txt", maxLength: 256)
        let weights = try MiniLMWeights(safetensors: try SafeTensors(path: directory + "/model.safetensors"))
        guard tokenizer.vocabularySize == weights.config.vocabularySize else {
            throw EmbeddingError.model(directory + "/vocab.txt",
                                       "has \(tokenizer.vocabularySize) entries, the model expects \(weights.config.vocabularySize)")
        }
        self.encoder = MiniLMEncoder(weights: weights, useTiles: tiles, useVectorKernel: vectorKernel)
        self.threads = max(1, threads ?? ProcessInfoLite.activeProcessorCount)
    }

    /// The embedding of one text.
    public func embed(_ text: String, threads: Int? = nil) -> [Float] {
        embed([text], batchSize: 1, threads: threads).vectors
    }

    /// Embeds `texts` in batches of up to `batchSize`. Texts are sorted by token count first so
    /// each batch holds sequences of similar length, and batches go to `threads` workers.
    /// `progress` receives the number of texts finished so far, from any thread.
    /// `threads` overrides the embedder's thread count for this call.
    public func embed(_ texts: [String], batchSize: Int = 32, threads: Int? = nil,
                      progress: (@Sendable (Int) -> Void)? = nil) -> Embeddings {
        let ids = texts.map(tokenizer.encode)
        return embed(tokenized: ids, batchSize: batchSize, threads: threads, progress: progress)
    }

    public func embed(tokenized ids: [[Int32]], batchSize: Int = 32, threads: Int? = nil,
                      progress: (@Sendable (Int) -> Void)? = nil) -> Embeddings {
        let threads = max(1, threads ?? self.threads)
        let h = dimension
        let order = ids.indices.sorted { ids[$0].count > ids[$1].count || (ids[$0].count == ids[$1].count && $0 < $1) }
        let size = max(1, batchSize)
        let batches = stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }
        let workers = min(threads, batches.count)
        // One worker gets every core through OpenBLAS; several workers each run single-threaded
        // gemms, which keeps the element-wise work parallel too.
        openblas_set_num_threads(Int32(workers > 1 ? 1 : threads))

        let vectors = [Float](unsafeUninitializedCapacity: ids.count * h) { buffer, count in
            let shared = SharedOutput(base: buffer.baseAddress)
            let next = Atomic<Int>(0)
            let done = Atomic<Int>(0)
            let work: @Sendable (Int) -> Void = { _ in
                let workspace = self.takeWorkspace()
                defer { self.returnWorkspace(workspace) }
                while true {
                    let b = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard b < batches.count, let base = shared.base else { return }
                    let batch = batches[b]
                    self.encoder.encode(batch.map { ids[$0] }, into: batch.map { base + $0 * h }, workspace: workspace)
                    progress?(done.wrappingAdd(batch.count, ordering: .relaxed).newValue)
                }
            }
            if workers <= 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers, execute: work)
            }
            count = ids.count * h
        }
        return Embeddings(dimension: h, inputIDs: ids, vectors: vectors)
    }

    private func takeWorkspace() -> MiniLMEncoder.Workspace {
        workspaces.withLock { $0.popLast() } ?? MiniLMEncoder.Workspace()
    }

    private func returnWorkspace(_ workspace: MiniLMEncoder.Workspace) {
        workspaces.withLock { $0.append(workspace) }
    }
}

/// Each worker writes only the rows of its own batch.
private struct SharedOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>?
}

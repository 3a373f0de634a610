/// The shape of all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) and its weights, read from the
/// model's safetensors file. Linear weights are stored `[out, in]` in the file and kept here
/// transposed, `[in, out]` row-major, the layout OpenBLAS multiplies fastest (see
/// `MiniLMEncoder.multiply`).
public struct MiniLMConfig: Sendable, Equatable {
    public var vocabularySize = 30_522
    public var hidden = 384
    public var layers = 6
    public var heads = 12
    public var intermediate = 1_536
    public var maxPositions = 512
    public var layerNormEpsilon: Float = 1e-12

    public var headWidth: Int { hidden / heads }
    public init() {}
}

/// Every tensor is cache-line aligned; see `AlignedFloats`.
struct EncoderLayerWeights: Sendable {
    /// Query, key and value projections side by side in one `[hidden, 3·hidden]` matrix so a
    /// single gemm produces all three.
    let qkv: AlignedFloats
    let qkvBias: AlignedFloats
    let attentionOutput: AlignedFloats
    let attentionOutputBias: AlignedFloats
    let attentionNormGamma: AlignedFloats
    let attentionNormBeta: AlignedFloats
    let intermediate: AlignedFloats
    let intermediateBias: AlignedFloats
    let output: AlignedFloats
    let outputBias: AlignedFloats
    let outputNormGamma: AlignedFloats
    let outputNormBeta: AlignedFloats
}

struct MiniLMWeights: Sendable {
    let config: MiniLMConfig
    let wordEmbeddings: AlignedFloats
    let positionEmbeddings: AlignedFloats
    let tokenTypeEmbedding: AlignedFloats
    let embeddingNormGamma: AlignedFloats
    let embeddingNormBeta: AlignedFloats
    let layers: [EncoderLayerWeights]

    init(safetensors file: SafeTensors, config: MiniLMConfig = MiniLMConfig()) throws(EmbeddingError) {
        self.config = config
        let h = config.hidden
        // Checkpoints saved from BertForMaskedLM and friends carry a `bert.` prefix.
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func floats(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        func load(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> AlignedFloats {
            try file.alignedFloats(prefix + name, shape: shape)
        }
        /// A linear layer's `[out, in]` weight as the `[in, out]` matrix the encoder multiplies by.
        func loadTransposed(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> AlignedFloats {
            let matrix = AlignedFloats(count: shape[0] * shape[1])
            try file.transpose(prefix + name, rows: shape[0], columns: shape[1], into: matrix)
            return matrix
        }
        // Read a row per token, in place: copying the 47 MB table was most of the start-up.
        wordEmbeddings = try file.mappedFloats(prefix + "embeddings.word_embeddings.weight", shape: [config.vocabularySize, h])
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [config.maxPositions, h])
        // Every input is a single segment, so only token type 0 is ever added.
        tokenTypeEmbedding = AlignedFloats(Array(try floats("embeddings.token_type_embeddings.weight", [2, h])[0..<h]))
        embeddingNormGamma = try load("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try load("embeddings.LayerNorm.bias", [h])
        var layers: [EncoderLayerWeights] = []
        for index in 0..<config.layers {
            let p = "encoder.layer.\(index)."
            // Query, key and value side by side: each one's transpose in its third of the columns.
            let qkv = AlignedFloats(count: h * 3 * h)
            for (part, name) in ["query", "key", "value"].enumerated() {
                try file.transpose(prefix + p + "attention.self.\(name).weight", rows: h, columns: h, into: qkv,
                                   columnOffset: part * h, destinationColumns: 3 * h)
            }
            let qb = try floats(p + "attention.self.query.bias", [h])
            let kb = try floats(p + "attention.self.key.bias", [h])
            let vb = try floats(p + "attention.self.value.bias", [h])
            layers.append(EncoderLayerWeights(
                qkv: qkv,
                qkvBias: AlignedFloats(qb + kb + vb),
                attentionOutput: try loadTransposed(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try load(p + "attention.output.dense.bias", [h]),
                attentionNormGamma: try load(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try load(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: try loadTransposed(p + "intermediate.dense.weight", [config.intermediate, h]),
                intermediateBias: try load(p + "intermediate.dense.bias", [config.intermediate]),
                output: try loadTransposed(p + "output.dense.weight", [h, config.intermediate]),
                outputBias: try load(p + "output.dense.bias", [h]),
                outputNormGamma: try load(p + "output.LayerNorm.weight", [h]),
                outputNormBeta: try load(p + "output.LayerNorm.bias", [h])))
        }
        self.layers = layers
    }
}

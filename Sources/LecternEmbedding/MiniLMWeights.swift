/// The shape of all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) and its weights, read from the
/// model's safetensors file. Linear weights stay as stored, `[out, in]` row-major.
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

struct EncoderLayerWeights: Sendable {
    /// Query, key and value projections stacked into one `[3·hidden, hidden]` matrix so a
    /// single gemm produces all three.
    var qkv: [Float]
    var qkvBias: [Float]
    var attentionOutput: [Float]
    var attentionOutputBias: [Float]
    var attentionNormGamma: [Float]
    var attentionNormBeta: [Float]
    var intermediate: [Float]
    var intermediateBias: [Float]
    var output: [Float]
    var outputBias: [Float]
    var outputNormGamma: [Float]
    var outputNormBeta: [Float]
}

struct MiniLMWeights: Sendable {
    let config: MiniLMConfig
    var wordEmbeddings: [Float]
    var positionEmbeddings: [Float]
    var tokenTypeEmbedding: [Float]
    var embeddingNormGamma: [Float]
    var embeddingNormBeta: [Float]
    var layers: [EncoderLayerWeights]

    init(safetensors file: SafeTensors, config: MiniLMConfig = MiniLMConfig()) throws(EmbeddingError) {
        self.config = config
        let h = config.hidden
        // Checkpoints saved from BertForMaskedLM and friends carry a `bert.` prefix.
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func load(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        wordEmbeddings = try load("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [config.maxPositions, h])
        // Every input is a single segment, so only token type 0 is ever added.
        tokenTypeEmbedding = Array(try load("embeddings.token_type_embeddings.weight", [2, h])[0..<h])
        embeddingNormGamma = try load("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try load("embeddings.LayerNorm.bias", [h])
        layers = []
        for index in 0..<config.layers {
            let p = "encoder.layer.\(index)."
            let q = try load(p + "attention.self.query.weight", [h, h])
            let k = try load(p + "attention.self.key.weight", [h, h])
            let v = try load(p + "attention.self.value.weight", [h, h])
            let qb = try load(p + "attention.self.query.bias", [h])
            let kb = try load(p + "attention.self.key.bias", [h])
            let vb = try load(p + "attention.self.value.bias", [h])
            layers.append(EncoderLayerWeights(
                qkv: q + k + v,
                qkvBias: qb + kb + vb,
                attentionOutput: try load(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try load(p + "attention.output.dense.bias", [h]),
                attentionNormGamma: try load(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try load(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: try load(p + "intermediate.dense.weight", [config.intermediate, h]),
                intermediateBias: try load(p + "intermediate.dense.bias", [config.intermediate]),
                output: try load(p + "output.dense.weight", [h, config.intermediate]),
                outputBias: try load(p + "output.dense.bias", [h]),
                outputNormGamma: try load(p + "output.LayerNorm.weight", [h]),
                outputNormBeta: try load(p + "output.LayerNorm.bias", [h])))
        }
    }
}

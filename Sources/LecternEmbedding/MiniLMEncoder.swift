import COpenBLAS

/// The MiniLM forward pass over a batch of token sequences packed end to end without padding:
/// projections and the feed-forward run over all tokens of the batch at once, attention runs per
/// sequence over its own length, so no padding is computed and no attention mask is needed.
struct MiniLMEncoder: Sendable {
    let weights: MiniLMWeights
    var config: MiniLMConfig { weights.config }

    /// Scratch memory for one batch; one per worker thread, grown on demand and reused.
    /// Used by one thread at a time: a worker takes it from the pool and gives it back.
    final class Workspace: @unchecked Sendable {
        private(set) var capacity = 0
        var hidden = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        var qkv = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        var context = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        var intermediate = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        var scores = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        private var scoreCapacity = 0

        func reserve(tokens: Int, longest: Int, config: MiniLMConfig) {
            if tokens > capacity {
                for p in [hidden, qkv, context, intermediate] { p.deallocate() }
                hidden = .allocate(capacity: tokens * config.hidden)
                qkv = .allocate(capacity: tokens * 3 * config.hidden)
                context = .allocate(capacity: tokens * config.hidden)
                intermediate = .allocate(capacity: tokens * config.intermediate)
                capacity = tokens
            }
            if longest * longest > scoreCapacity {
                scores.deallocate()
                scores = .allocate(capacity: longest * longest)
                scoreCapacity = longest * longest
            }
        }

        deinit {
            for p in [hidden, qkv, context, intermediate, scores] { p.deallocate() }
        }
    }

    /// Embeds each sequence of `batch` (token ids including [CLS] and [SEP]) and writes its
    /// mean-pooled, L2-normalized vector to `output + i·hidden`.
    func encode(_ batch: [[Int32]], into output: [UnsafeMutablePointer<Float>], workspace: Workspace) {
        let h = config.hidden
        let tokens = batch.reduce(0) { $0 + $1.count }
        let longest = batch.reduce(0) { max($0, $1.count) }
        guard tokens > 0 else { return }
        workspace.reserve(tokens: tokens, longest: longest, config: config)
        let x = workspace.hidden

        embed(batch, into: x)
        for layer in weights.layers {
            attention(layer, batch: batch, tokens: tokens, workspace: workspace)
            feedForward(layer, tokens: tokens, workspace: workspace)
        }

        var offset = 0
        for (index, ids) in batch.enumerated() {
            meanPoolAndNormalize(x + offset * h, rows: ids.count, into: output[index])
            offset += ids.count
        }
    }

    private func embed(_ batch: [[Int32]], into x: UnsafeMutablePointer<Float>) {
        let h = config.hidden
        weights.wordEmbeddings.withUnsafeBufferPointer { words in
        weights.positionEmbeddings.withUnsafeBufferPointer { positions in
        weights.tokenTypeEmbedding.withUnsafeBufferPointer { type0 in
            var row = 0
            for ids in batch {
                for (position, id) in ids.enumerated() {
                    let word = words.baseAddress! + Int(id) * h
                    let pos = positions.baseAddress! + position * h
                    let target = x + row * h
                    var i = 0
                    while i < h {
                        VectorMath.store(VectorMath.load(word + i) + VectorMath.load(pos + i)
                                         + VectorMath.load(type0.baseAddress! + i), target + i)
                        i += 8
                    }
                    row += 1
                }
            }
        }}}
        let rows = batch.reduce(0) { $0 + $1.count }
        weights.embeddingNormGamma.withUnsafeBufferPointer { gamma in
            weights.embeddingNormBeta.withUnsafeBufferPointer { beta in
                VectorMath.layerNorm(x, rows: rows, width: h, gamma: gamma.baseAddress!, beta: beta.baseAddress!,
                                     epsilon: config.layerNormEpsilon)
            }
        }
    }

    private func attention(_ layer: EncoderLayerWeights, batch: [[Int32]], tokens: Int, workspace: Workspace) {
        let h = config.hidden
        let width = config.headWidth
        let x = workspace.hidden, qkv = workspace.qkv, context = workspace.context
        linear(x, rows: tokens, inWidth: h, weight: layer.qkv, bias: layer.qkvBias, outWidth: 3 * h, into: qkv)

        let scale = 1 / Float(width).squareRoot()
        let stride = Int32(3 * h)
        var offset = 0
        for ids in batch {
            let n = ids.count
            let rows = qkv + offset * 3 * h
            for head in 0..<config.heads {
                let q = rows + head * width, k = rows + h + head * width, v = rows + 2 * h + head * width
                // scores = scale · Q Kᵀ, then each row becomes attention weights.
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(width),
                            scale, q, stride, k, stride, 0, workspace.scores, Int32(n))
                for r in 0..<n { VectorMath.softmax(workspace.scores + r * n, count: n) }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(width), Int32(n),
                            1, workspace.scores, Int32(n), v, stride, 0,
                            context + offset * h + head * width, Int32(h))
            }
            offset += n
        }

        // x = LayerNorm(x + context·Woᵀ + bo)
        layer.attentionOutputBias.withUnsafeBufferPointer { VectorMath.addToRows($0.baseAddress!, x, rows: tokens, width: h) }
        layer.attentionOutput.withUnsafeBufferPointer { w in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(tokens), Int32(h), Int32(h),
                        1, context, Int32(h), w.baseAddress!, Int32(h), 1, x, Int32(h))
        }
        normalize(x, rows: tokens, gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
    }

    private func feedForward(_ layer: EncoderLayerWeights, tokens: Int, workspace: Workspace) {
        let h = config.hidden, inner = config.intermediate
        let x = workspace.hidden, hiddenLayer = workspace.intermediate
        linear(x, rows: tokens, inWidth: h, weight: layer.intermediate, bias: layer.intermediateBias,
               outWidth: inner, into: hiddenLayer)
        VectorMath.gelu(hiddenLayer, count: tokens * inner)
        // x = LayerNorm(x + gelu(...)·W2ᵀ + b2)
        layer.outputBias.withUnsafeBufferPointer { VectorMath.addToRows($0.baseAddress!, x, rows: tokens, width: h) }
        layer.output.withUnsafeBufferPointer { w in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(tokens), Int32(h), Int32(inner),
                        1, hiddenLayer, Int32(inner), w.baseAddress!, Int32(inner), 1, x, Int32(h))
        }
        normalize(x, rows: tokens, gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
    }

    /// out = input·Wᵀ + bias, W stored `[outWidth, inWidth]`.
    private func linear(_ input: UnsafePointer<Float>, rows: Int, inWidth: Int, weight: [Float], bias: [Float],
                        outWidth: Int, into out: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { VectorMath.broadcastRows($0.baseAddress!, into: out, rows: rows, width: outWidth) }
        weight.withUnsafeBufferPointer { w in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outWidth), Int32(inWidth),
                        1, input, Int32(inWidth), w.baseAddress!, Int32(inWidth), 1, out, Int32(outWidth))
        }
    }

    private func normalize(_ x: UnsafeMutablePointer<Float>, rows: Int, gamma: [Float], beta: [Float]) {
        gamma.withUnsafeBufferPointer { g in
            beta.withUnsafeBufferPointer { b in
                VectorMath.layerNorm(x, rows: rows, width: config.hidden, gamma: g.baseAddress!, beta: b.baseAddress!,
                                     epsilon: config.layerNormEpsilon)
            }
        }
    }

    /// Mean over every token of the sequence ([CLS] and [SEP] included), then unit length.
    private func meanPoolAndNormalize(_ x: UnsafePointer<Float>, rows: Int, into out: UnsafeMutablePointer<Float>) {
        let h = config.hidden
        out.initialize(repeating: 0, count: h)
        for row in 0..<rows {
            var i = 0
            while i < h {
                VectorMath.store(VectorMath.load(out + i) + VectorMath.load(x + row * h + i), out + i)
                i += 8
            }
        }
        var squares: Float = 0
        for i in 0..<h {
            out[i] /= Float(rows)
            squares += out[i] * out[i]
        }
        // sentence-transformers' Normalize divides by max(norm, 1e-12).
        let inv = 1 / max(squares.squareRoot(), 1e-12)
        for i in 0..<h { out[i] *= inv }
    }
}

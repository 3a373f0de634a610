import CMatrixKernels
import COpenBLAS

/// The MiniLM forward pass over a batch of token sequences packed end to end without padding:
/// projections and the feed-forward run over all tokens of the batch at once, attention runs per
/// sequence over its own length, so no padding is computed and no attention mask is needed.
struct MiniLMEncoder: Sendable {
    let weights: MiniLMWeights
    /// The layers' matrices packed for AMX tiles, when this CPU has them and they were asked for;
    /// the products then run there instead of OpenBLAS.
    let tiles: [LayerTiles]?
    var config: MiniLMConfig { weights.config }

    /// Whether the other products run on `lectern_f32_multiply` (AVX-512) instead of OpenBLAS.
    let vectorKernel: Bool

    init(weights: MiniLMWeights, useTiles: Bool, useVectorKernel: Bool) {
        self.weights = weights
        let packed = useTiles && TileMatrix.available ? weights.layers.compactMap { LayerTiles($0, config: weights.config) } : []
        tiles = packed.count == weights.layers.count && !packed.isEmpty ? packed : nil
        vectorKernel = useVectorKernel && Self.vectorKernelRuns
    }

    /// Scratch memory for one batch; one per worker thread, grown on demand and reused.
    /// Used by one thread at a time: a worker takes it from the pool and gives it back.
    final class Workspace: @unchecked Sendable {
        private var buffers = (hidden: AlignedFloats(count: 0), qkv: AlignedFloats(count: 0),
                               context: AlignedFloats(count: 0), intermediate: AlignedFloats(count: 0))
        private var scoreBuffer = AlignedFloats(count: 0)
        private(set) var tileScratch = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
        private var tileScratchCount = 1
        var hidden: UnsafeMutablePointer<Float> { buffers.hidden.pointer }
        var qkv: UnsafeMutablePointer<Float> { buffers.qkv.pointer }
        var context: UnsafeMutablePointer<Float> { buffers.context.pointer }
        var intermediate: UnsafeMutablePointer<Float> { buffers.intermediate.pointer }
        var scores: UnsafeMutablePointer<Float> { scoreBuffer.pointer }

        func reserve(tokens: Int, longest: Int, config: MiniLMConfig, tiles: Bool) {
            if tokens * config.hidden > buffers.hidden.count {
                buffers = (AlignedFloats(count: tokens * config.hidden), AlignedFloats(count: tokens * 3 * config.hidden),
                           AlignedFloats(count: tokens * config.hidden), AlignedFloats(count: tokens * config.intermediate))
            }
            if longest * longest > scoreBuffer.count {
                scoreBuffer = AlignedFloats(count: longest * longest)
            }
            // Only the tile kernel needs its bfloat16 copy of the input.
            let scratch = tiles ? TileMatrix.scratchCount(m: tokens, width: config.intermediate) : 0
            if scratch > tileScratchCount {
                tileScratch.deallocate()
                tileScratch = .allocate(capacity: scratch)
                tileScratchCount = scratch
            }
        }

        deinit {
            tileScratch.deallocate()
        }
    }

    /// Embeds each sequence of `batch` (token ids including [CLS] and [SEP]) and writes its
    /// mean-pooled, L2-normalized vector to `output + i·hidden`.
    func encode(_ batch: [[Int32]], into output: [UnsafeMutablePointer<Float>], workspace: Workspace) {
        let h = config.hidden
        let tokens = batch.reduce(0) { $0 + $1.count }
        let longest = batch.reduce(0) { max($0, $1.count) }
        guard tokens > 0 else { return }
        workspace.reserve(tokens: tokens, longest: longest, config: config, tiles: self.tiles != nil)
        let x = workspace.hidden

        embed(batch, into: x)
        for (index, layer) in weights.layers.enumerated() {
            let tiles = self.tiles?[index]
            attention(layer, tiles: tiles, batch: batch, tokens: tokens, workspace: workspace)
            feedForward(layer, tiles: tiles, tokens: tokens, workspace: workspace)
        }

        var offset = 0
        for (index, ids) in batch.enumerated() {
            meanPoolAndNormalize(x + offset * h, rows: ids.count, into: output[index])
            offset += ids.count
        }
    }

    private func embed(_ batch: [[Int32]], into x: UnsafeMutablePointer<Float>) {
        let h = config.hidden
        let words = weights.wordEmbeddings.pointer, positions = weights.positionEmbeddings.pointer
        let type0 = weights.tokenTypeEmbedding.pointer
        var row = 0
        for ids in batch {
            for (position, id) in ids.enumerated() {
                let word = words + Int(id) * h, pos = positions + position * h, target = x + row * h
                var i = 0
                while i < h {
                    VectorMath.store(VectorMath.load(word + i) + VectorMath.load(pos + i) + VectorMath.load(type0 + i),
                                     target + i)
                    i += 8
                }
                row += 1
            }
        }
        normalize(x, rows: row, gamma: weights.embeddingNormGamma, beta: weights.embeddingNormBeta)
    }

    private func attention(_ layer: EncoderLayerWeights, tiles: LayerTiles?, batch: [[Int32]], tokens: Int, workspace: Workspace) {
        let h = config.hidden
        let width = config.headWidth
        let x = workspace.hidden, qkv = workspace.qkv, context = workspace.context
        linear(x, rows: tokens, inWidth: h, weight: layer.qkv, tiles: tiles?.qkv, bias: layer.qkvBias, outWidth: 3 * h,
               into: qkv, workspace: workspace)

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

        // x = LayerNorm(x + context·Wo + bo)
        VectorMath.addToRows(layer.attentionOutputBias.pointer, x, rows: tokens, width: h)
        multiply(context, rows: tokens, inWidth: h, weight: layer.attentionOutput, tiles: tiles?.attentionOutput, outWidth: h,
                 into: x, workspace: workspace)
        normalize(x, rows: tokens, gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
    }

    private func feedForward(_ layer: EncoderLayerWeights, tiles: LayerTiles?, tokens: Int, workspace: Workspace) {
        let h = config.hidden, inner = config.intermediate
        let x = workspace.hidden, hiddenLayer = workspace.intermediate
        linear(x, rows: tokens, inWidth: h, weight: layer.intermediate, tiles: tiles?.intermediate, bias: layer.intermediateBias,
               outWidth: inner, into: hiddenLayer, workspace: workspace)
        VectorMath.gelu(hiddenLayer, count: tokens * inner)
        // x = LayerNorm(x + gelu(...)·W2 + b2)
        VectorMath.addToRows(layer.outputBias.pointer, x, rows: tokens, width: h)
        multiply(hiddenLayer, rows: tokens, inWidth: inner, weight: layer.output, tiles: tiles?.output, outWidth: h,
                 into: x, workspace: workspace)
        normalize(x, rows: tokens, gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
    }

    /// out = input·W + bias, W stored `[inWidth, outWidth]`.
    private func linear(_ input: UnsafePointer<Float>, rows: Int, inWidth: Int, weight: AlignedFloats, tiles: TileMatrix?,
                        bias: AlignedFloats, outWidth: Int, into out: UnsafeMutablePointer<Float>, workspace: Workspace) {
        VectorMath.broadcastRows(bias.pointer, into: out, rows: rows, width: outWidth)
        multiply(input, rows: rows, inWidth: inWidth, weight: weight, tiles: tiles, outWidth: outWidth, into: out, workspace: workspace)
    }

    /// out += input·W: on AMX tiles when the matrix was packed for them, else on AVX-512 where
    /// the CPU has it, else through OpenBLAS.
    private func multiply(_ input: UnsafePointer<Float>, rows: Int, inWidth: Int, weight: AlignedFloats, tiles: TileMatrix?,
                          outWidth: Int, into out: UnsafeMutablePointer<Float>, workspace: Workspace) {
        if let tiles {
            tiles.multiply(input, m: rows, into: out, scratch: workspace.tileScratch)
        } else {
            Self.multiply(input, rows: rows, inWidth: inWidth, weight: weight.pointer, outWidth: outWidth, into: out,
                          vectorKernel: vectorKernel)
        }
    }

    /// out += input·W with W stored `[inWidth, outWidth]`.
    ///
    /// With AVX-512 the product runs on this project's kernel (`lectern_f32_multiply`): on a
    /// 2-core Zen 5 it is 2.0–2.8× as fast as Debian's OpenBLAS 0.3.21 with the AVX2 kernels the
    /// environment asks for there, and still faster than its AVX-512 ones (14×384·384×1536:
    /// 92 µs against 259 µs; 224 rows: 1.28 ms against 2.56 ms). Elsewhere, for a few rows
    /// (a single query) OpenBLAS spends most of a call packing the whole weight
    /// matrix; slices of 16 output columns go through its small-matrix kernel, which reads the
    /// weights in place (measured here for 14 rows and all six layers: 4.5 ms instead of 8.3).
    static func multiply(_ input: UnsafePointer<Float>, rows: Int, inWidth: Int,
                         weight: UnsafePointer<Float>, outWidth: Int, into out: UnsafeMutablePointer<Float>, vectorKernel: Bool) {
        if vectorKernel && outWidth % 32 == 0 {
            lectern_f32_multiply(input, Int32(rows), Int32(inWidth), weight, Int32(outWidth), out, Int32(outWidth))
            return
        }
        let slice = rows <= smallBatchRows ? 16 : outWidth
        var start = 0
        while start < outWidth {
            let width = min(slice, outWidth - start)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(width), Int32(inWidth),
                        1, input, Int32(inWidth), weight + start, Int32(outWidth), 1, out + start, Int32(outWidth))
            start += width
        }
    }

    /// Whether `lectern_f32_multiply` runs here (`LECTERN_AVX512=0` turns it off).
    static let vectorKernelRuns = lectern_f32_available() == 1

    /// Up to this many rows, weight products are sliced for the small-matrix kernel.
    static let smallBatchRows = 32

    private func normalize(_ x: UnsafeMutablePointer<Float>, rows: Int, gamma: AlignedFloats, beta: AlignedFloats) {
        VectorMath.layerNorm(x, rows: rows, width: config.hidden, gamma: gamma.pointer, beta: beta.pointer,
                             epsilon: config.layerNormEpsilon)
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

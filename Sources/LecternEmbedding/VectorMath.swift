import CMatrixKernels
/// Element-wise kernels of the encoder on 8-wide SIMD vectors. They use only multiply, add and
/// divide (no fused multiply-add) so a portable x86-64 build keeps them in SSE registers
/// instead of falling back to a library call per element.
enum VectorMath {
    typealias V = SIMD8<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// e^x to about 1 ulp: x = n·ln2 + r with |r| ≤ ln2/2, a degree-6 polynomial for e^r, and
    /// 2^n built in the exponent bits. Inputs are clamped to the range where 2^n is normal.
    @inline(__always) static func exp(_ x: V) -> V {
        // Comparisons and blends: the generic pointwiseMin/Max are not inlined here.
        let low = V(repeating: -87.0), high = V(repeating: 88.0)
        var x = x.replacing(with: low, where: x .< low)
        x.replace(with: high, where: x .> high)
        // Adding 1.5·2^23 rounds to the nearest integer and leaves it in the low mantissa bits.
        let shifter = V(repeating: 12_582_912.0)
        let shifted = x * V(repeating: 1.442_695_04) + shifter
        let n = shifted - shifter
        var r = x - n * V(repeating: 0.693_359_375)
        r = r - n * V(repeating: -2.121_944_4e-4)
        var p = V(repeating: 1.0 / 720.0)
        p = p * r + V(repeating: 1.0 / 120.0)
        p = p * r + V(repeating: 1.0 / 24.0)
        p = p * r + V(repeating: 1.0 / 6.0)
        p = p * r + V(repeating: 0.5)
        p = p * r + V(repeating: 1.0)
        p = p * r + V(repeating: 1.0)
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127
        let scale = unsafeBitCast(exponent &<< 23, to: V.self)
        return p * scale
    }

    /// erf(x) by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, the size of one
    /// float32 ulp at 1), extended to negative x by symmetry.
    @inline(__always) static func erf(_ x: V) -> V {
        let z = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: V.self)
        let t = V(repeating: 1.0) / (V(repeating: 1.0) + V(repeating: 0.327_591_1) * z)
        var poly = V(repeating: 1.061_405_429)
        poly = poly * t + V(repeating: -1.453_152_027)
        poly = poly * t + V(repeating: 1.421_413_741)
        poly = poly * t + V(repeating: -0.284_496_736)
        poly = poly * t + V(repeating: 0.254_829_592)
        poly = poly * t
        let y = V(repeating: 1.0) - poly * exp(-(z * z))
        return y.replacing(with: -y, where: x .< 0)
    }

    static let wideGELU = lectern_avx512_available() == 1

    /// GELU with the exact (erf) form BERT uses: x/2 · (1 + erf(x/√2)), in place.
    static func gelu(_ p: UnsafeMutablePointer<Float>, count: Int) {
        precondition(count % 8 == 0)
        // The same formulas 16 lanes wide in C where the CPU has AVX-512 (a tenth of a query's time here).
        if wideGELU && count % 16 == 0 { lectern_gelu_avx512(p, Int32(count)); return }
        let invSqrt2 = V(repeating: 0.707_106_781_186_547_5)
        var i = 0
        while i < count {
            let x = load(p + i)
            store(V(repeating: 0.5) * x * (V(repeating: 1.0) + erf(x * invSqrt2)), p + i)
            i += 8
        }
    }

    /// LayerNorm of each row of `rows × width` in place: (x − mean)/√(var + eps)·gamma + beta.
    static func layerNorm(_ p: UnsafeMutablePointer<Float>, rows: Int, width: Int,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        precondition(width % 8 == 0)
        let scale = 1 / Float(width)
        for row in 0..<rows {
            let x = p + row * width
            var sum = V()
            var i = 0
            while i < width { sum += load(x + i); i += 8 }
            let mean = V(repeating: sum.sum() * scale)
            var squares = V()
            i = 0
            while i < width { let d = load(x + i) - mean; squares += d * d; i += 8 }
            let inv = V(repeating: 1 / (squares.sum() * scale + epsilon).squareRoot())
            i = 0
            while i < width {
                store((load(x + i) - mean) * inv * load(gamma + i) + load(beta + i), x + i)
                i += 8
            }
        }
    }

    /// Softmax of one row of `count` scores in place.
    static func softmax(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let whole = count & ~7
        var maxima = V(repeating: -Float.infinity)
        var i = 0
        while i < whole {
            let v = load(p + i)
            maxima.replace(with: v, where: v .> maxima)
            i += 8
        }
        var maximum = maxima.max()
        for j in whole..<count { maximum = max(maximum, p[j]) }
        let m = V(repeating: maximum)
        var sum = V()
        i = 0
        while i < whole {
            let e = exp(load(p + i) - m)
            store(e, p + i)
            sum += e
            i += 8
        }
        if whole < count {
            var tail = V(repeating: -Float.infinity)
            for j in whole..<count { tail[j - whole] = p[j] }
            let e = exp(tail - m).replacing(with: 0, where: tail .== -Float.infinity)
            for j in whole..<count { p[j] = e[j - whole] }
            sum += e
        }
        let inv = 1 / sum.sum()
        let scale = V(repeating: inv)
        i = 0
        while i < whole { store(load(p + i) * scale, p + i); i += 8 }
        for j in whole..<count { p[j] *= inv }
    }

    /// Copies `vector` into each of `rows` rows (a bias before a gemm that accumulates).
    static func broadcastRows(_ vector: UnsafePointer<Float>, into p: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            (p + row * width).update(from: vector, count: width)
        }
    }

    /// Adds `vector` to each of `rows` rows.
    static func addToRows(_ vector: UnsafePointer<Float>, _ p: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        precondition(width % 8 == 0)
        for row in 0..<rows {
            let x = p + row * width
            var i = 0
            while i < width { store(load(x + i) + load(vector + i), x + i); i += 8 }
        }
    }
}

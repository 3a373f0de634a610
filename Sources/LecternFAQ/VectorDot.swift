/// Dot products of unit vectors, 16 lanes at a time (the grouping loop is all dot products).
enum VectorDot {
    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        let n = a.count
        var sum = SIMD16<Float>()
        var i = 0
        let pa = a.baseAddress!, pb = b.baseAddress!
        while i + 16 <= n {
            let x = UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD16<Float>.self)
            let y = UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD16<Float>.self)
            sum += x * y
            i += 16
        }
        var total = sum.sum()
        while i < n { total += pa[i] * pb[i]; i += 1 }
        return total
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in dot(x, y) } }
    }
}

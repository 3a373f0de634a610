import LecternJSON

/// Small helpers for the JSON the API writes by hand (no Foundation in this binary).
enum JSONWriting {
    static func string(_ s: String, to out: inout String) {
        JSONString.append(s, to: &out)
    }

    /// Shortest text that reads back as the same Float (the embeddings clients compare).
    static func number(_ x: Float, to out: inout String) {
        out += x.isFinite ? "\(x)" : "null"
    }

    static func number(_ x: Double, to out: inout String) {
        if !x.isFinite { out += "null" } else if x == x.rounded() && abs(x) < 1e15 { out += String(Int(x)) } else { out += "\(x)" }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func strings(_ list: [String], to out: inout String) {
        out += "["
        for (n, s) in list.enumerated() {
            if n > 0 { out += "," }
            string(s, to: &out)
        }
        out += "]"
    }
}

/// A daily bar chart drawn as inline SVG: one bar per label, series stacked, a hover title per
/// bar. No script, no external file: the page draws the same from `file://` as from a server.
public struct BarChart {
    public struct Series {
        public var key: String
        public var name: String
        public var values: [Double]
        /// A CSS class of the page's stylesheet (`s0`, `s1`, …) that gives the colour.
        public var style: String

        public init(key: String, name: String, values: [Double], style: String) {
            self.key = key; self.name = name; self.values = values; self.style = style
        }
    }

    public var key: String
    public var title: String
    public var labels: [String]
    public var series: [Series]

    public init(key: String, title: String, labels: [String], series: [Series]) {
        self.key = key; self.title = title; self.labels = labels; self.series = series
    }

    public var svg: String {
        let width = 960.0, height = 220.0, left = 48.0, bottom = 24.0, top = 10.0
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        let totals = labels.indices.map { i in series.reduce(0) { $0 + $1.values[i] } }
        let maximum = totals.max() ?? 0
        let tickStep = niceCeiling(maximum / 5)
        let ticks = max(1, Int((maximum / tickStep).rounded(.up)))
        let peak = tickStep * Double(ticks)
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title>\(escape(title))</title>"
        for step in 0...ticks {
            let value = tickStep * Double(step)
            let y = top + plotHeight - plotHeight * Double(step) / Double(ticks)
            out += "<line class=\"grid\" x1=\"\(fmt(left))\" y1=\"\(fmt(y))\" x2=\"\(fmt(width - 8))\" y2=\"\(fmt(y))\"/>"
            out += "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(escape(ReportValue.format(value, .plain)))</text>"
        }
        guard !labels.isEmpty else {
            return out + "<text class=\"axis\" x=\"\(fmt(width / 2))\" y=\"\(fmt(height / 2))\" text-anchor=\"middle\">no data</text></svg>"
        }
        let slot = plotWidth / Double(labels.count)
        let barWidth = max(1, slot * 0.8)
        for (i, label) in labels.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            var base = top + plotHeight
            var tip = label
            out += "<g>"
            for s in series {
                let value = s.values[i]
                tip += ", \(s.name): \(ReportValue.format(value, .plain))"
                guard value > 0, peak > 0 else { continue }
                let h = plotHeight * value / peak
                base -= h
                out += "<rect class=\"\(s.style)\" x=\"\(fmt(x))\" y=\"\(fmt(base))\" width=\"\(fmt(barWidth))\" height=\"\(fmt(h))\"/>"
            }
            out += "<title>\(escape(tip))</title></g>"
        }
        // First, middle and last labels: enough to read the time axis without crowding it.
        for i in Set([0, labels.count / 2, labels.count - 1]).sorted() {
            let x = left + slot * (Double(i) + 0.5)
            out += "<text class=\"axis\" x=\"\(fmt(x))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(escape(labels[i]))</text>"
        }
        var legendX = left
        for s in series {
            out += "<rect class=\"\(s.style)\" x=\"\(fmt(legendX))\" y=\"0\" width=\"10\" height=\"10\"/>"
            out += "<text class=\"axis\" x=\"\(fmt(legendX + 14))\" y=\"9\">\(escape(s.name))</text>"
            legendX += 14 + Double(s.name.count) * 7 + 16
        }
        return out + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at or above `x`: round numbers on the axis.
    func niceCeiling(_ x: Double) -> Double {
        guard x > 1 else { return x > 0.5 || x == 0 ? 1 : 0.5 }
        var power = 1.0
        while power * 10 <= x { power *= 10 }
        while power > x { power /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= x { return factor * power }
        return 10 * power
    }

    func fmt(_ x: Double) -> String { ReportValue.decimal(x, 1, grouped: false) }
}

/// Escapes text for HTML or SVG built outside the templates (the charts).
func escape(_ text: String) -> String {
    var out = ""
    for scalar in DisplayText.clean(text, limit: 200).unicodeScalars {
        switch scalar {
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

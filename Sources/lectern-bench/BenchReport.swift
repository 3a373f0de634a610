import Foundation

/// Figures printed as a table and written as JSON under output/bench/.
struct BenchReport {
    let name: String
    var figures: [(key: String, value: Double, unit: String)] = []
    var notes: [String: String] = [:]

    mutating func add(_ key: String, _ value: Double, _ unit: String) {
        figures.append((key, value, unit))
        let shown = value >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
        print("  \(key.padding(toLength: 26, withPad: " ", startingAt: 0)) \(shown) \(unit)")
    }

    func write(to directory: String) throws {
        var object: [String: Any] = ["benchmark": name]
        for figure in figures { object[figure.key] = figure.value }
        for (key, value) in notes { object[key] = value }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: directory + "/\(name).json"), options: .atomic)
    }
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The value at index round(q·(n−1)) of the sorted values.
func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    return sorted[Int((q * Double(sorted.count - 1)).rounded())]
}

/// A scratch folder for a benchmark's generated files, under the output folder (git-ignored).
func benchScratchFolder(_ outputDirectory: String, _ parts: String...) -> String {
    ([outputDirectory, "work"] + parts).joined(separator: "/")
}

import Foundation
import Synchronization

/// A count on stderr that rewrites itself, shown only when stderr is a terminal.
final class Progress: Sendable {
    private let label: String
    private let state = Mutex<(count: Int, lastDraw: Double)>((0, 0))
    private let enabled = isatty(2) != 0

    init(label: String) {
        self.label = label
    }

    var count: Int { state.withLock { $0.count } }

    func update(_ count: Int) {
        let now = Date().timeIntervalSince1970
        let draw: Bool = state.withLock {
            $0.count = max($0.count, count)
            guard now - $0.lastDraw > 0.2 else { return false }
            $0.lastDraw = now
            return true
        }
        if enabled && draw { FileHandle.standardError.write(Data("\r\(label) \(self.count)".utf8)) }
    }

    func finish() {
        if enabled && count > 0 { FileHandle.standardError.write(Data("\r\(label) \(count)\n".utf8)) }
    }
}

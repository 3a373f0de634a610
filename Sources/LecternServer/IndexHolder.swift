import LecternIndex
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// The index being served, swapped for a new one when a build renames a new file into place.
/// A request takes the reader once and keeps it: requests in flight finish on the old index
/// (its mapping stays valid after the rename), new requests see the new one.
public final class IndexHolder: Sendable {
    public let path: String
    private struct State {
        var reader: IndexReader
        var identity: FileIdentity
        var reloads = 0
        var lastError: String?
    }
    private let state: NIOLockedValueBox<State>

    public init(path: String) throws(IndexError) {
        self.path = path
        let identity = FileIdentity(path: path)
        state = NIOLockedValueBox(State(reader: try IndexReader(path: path), identity: identity ?? FileIdentity()))
    }

    public var reader: IndexReader { state.withLockedValue { $0.reader } }
    public var reloads: Int { state.withLockedValue { $0.reloads } }
    /// Why the last replacement could not be loaded (the old index is still served), if so.
    public var lastError: String? { state.withLockedValue { $0.lastError } }

    /// Loads the file again if it is another file than the one served. Returns true on a reload.
    @discardableResult
    public func reloadIfReplaced() -> Bool {
        guard let identity = FileIdentity(path: path), identity != state.withLockedValue({ $0.identity }) else { return false }
        do {
            let fresh = try IndexReader(path: path)
            state.withLockedValue { s in
                s.reader = fresh
                s.identity = identity
                s.reloads += 1
                s.lastError = nil
            }
            return true
        } catch {
            // A half-written or damaged file: keep serving the old index and say why.
            state.withLockedValue { s in
                s.identity = identity
                s.lastError = error.message
            }
            return false
        }
    }
}

/// What tells one file from another at the same path: a build renames a new file into place.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = 0
    var modified: Int = 0
    var modifiedNanoseconds: Int = 0

    init() {}

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }
}

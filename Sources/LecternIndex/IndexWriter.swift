#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an index file atomically (see `AtomicFile`).
public enum IndexWriter {
    /// `buildTime` is Unix seconds; nil means now (pass a fixed value for reproducible files).
    public static func write(_ records: [IndexRecord], modelID: String, to path: String,
                             buildTime: Int64? = nil) throws(IndexError) {
        let bytes = try encode(records, modelID: modelID, path: path, buildTime: buildTime ?? Int64(time(nil)))
        try AtomicFile.write(bytes, to: path)
    }

    /// The complete file as bytes; `path` only names the file in errors.
    static func encode(_ records: [IndexRecord], modelID: String, path: String,
                       buildTime: Int64) throws(IndexError) -> [UInt8] {
        let dimension = records.first?.vector.count ?? 0
        guard modelID.utf8.count <= IndexFormat.maxModelIDBytes else {
            throw .file(path, "the model id is \(modelID.utf8.count) bytes long; at most \(IndexFormat.maxModelIDBytes) fit in the header")
        }
        guard records.count < Int(UInt32.max) else {
            throw .file(path, "\(records.count) records are more than one index file holds")
        }
        if !records.isEmpty {
            guard dimension > 0, dimension <= IndexFormat.maxDimension else {
                throw .file(path, "record \(records[0].chunkID) has a \(dimension)-d vector; the index takes 1 to \(IndexFormat.maxDimension) dimensions")
            }
        }
        for record in records {
            guard record.vector.count == dimension else {
                throw .file(path, "record \(record.chunkID) has a \(record.vector.count)-d vector, the first record a \(dimension)-d one")
            }
            guard record.vector.allSatisfy(\.isFinite) else {
                throw .file(path, "record \(record.chunkID) has a vector with NaN or infinite values")
            }
        }
        let encoder = IndexEncoder(records: records, modelID: modelID, dimension: dimension,
                                   buildTime: buildTime, path: path)
        return try encoder.encode()
    }
}
